package dev.tern.message;

/**
 * One reusable encoding buffer per thread, so that encoding a message allocates only its result
 * (an array of exactly its size) instead of a buffer sized by estimate and then a copy of it.
 * A nested encode on the same thread (an object body that sends while serialising, say) gets a
 * buffer of its own; a buffer grown past {@link #MAX_KEPT} is not kept.
 */
final class ScratchWriter {

    static final int MAX_KEPT = 1 << 20;

    private static final ThreadLocal<ScratchWriter> SCRATCH = ThreadLocal.withInitial(ScratchWriter::new);

    private WireWriter writer = new WireWriter(4096);
    private boolean inUse;

    private ScratchWriter() {
    }

    /** An empty writer for this thread; give it back with {@link #release}. */
    static WireWriter acquire(int expectedSize) {
        ScratchWriter scratch = SCRATCH.get();
        if (scratch.inUse) {
            return new WireWriter(expectedSize);
        }
        scratch.inUse = true;
        WireWriter w = scratch.writer;
        w.reset();
        return w;
    }

    static void release(WireWriter w) {
        ScratchWriter scratch = SCRATCH.get();
        if (scratch.writer != w) {
            return; // a nested encode's own writer
        }
        if (w.capacity() > MAX_KEPT) {
            scratch.writer = new WireWriter(4096); // do not keep a huge message's buffer for ever
        }
        scratch.inUse = false;
    }
}
