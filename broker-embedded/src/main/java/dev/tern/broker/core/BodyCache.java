package dev.tern.broker.core;

import java.util.Arrays;

/**
 * The bodies of recently journalled messages, by broker sequence, so that dispatch hands over the
 * bytes the sender gave instead of reading them back from the journal a moment later. A message's
 * bytes never change once sent, so deliveries share the array.
 *
 * <p>Bounded twice: by a byte budget (a body that would exceed it is simply not kept) and by a ring
 * of slots indexed by sequence (a new sequence replaces whatever older one shared its slot). An
 * entry leaves when every queue it was enqueued on has acknowledged it. Whatever is not here is
 * read from the journal, so eviction never loses anything. Allocation-free; guarded by its monitor
 * (sections of a few field writes).
 */
final class BodyCache {

    /** Default budget: 1/32 of the heap, at most 64 MiB. */
    static long defaultBudget() {
        return Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 32);
    }

    /**
     * Default slots: as many 1 KiB bodies as the default budget holds (about 1.3 MB of arrays), so a
     * consumer lagging tens of thousands of messages behind its producer is still served from memory;
     * with fewer slots than the budget holds, a lag beyond the slots sends every delivery to the
     * journal, which slows the consumer and lets the lag grow further.
     */
    static final int DEFAULT_SLOTS = 1 << 16;

    private final long budget;
    private final int mask;
    private final long[] sequences;
    private final byte[][] bodies;
    private final int[] references;
    private long bytes;
    private int count;

    /**
     * @param budget bytes of bodies kept at most (0 keeps nothing)
     * @param slots  a power of two: how many bodies at most
     */
    BodyCache(long budget, int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.budget = budget;
        this.mask = slots - 1;
        this.sequences = new long[slots];
        this.bodies = new byte[slots][];
        this.references = new int[slots];
    }

    /** Keeps a body enqueued on {@code references} queues, if it fits in the budget. */
    synchronized void put(long sequence, byte[] body, int references) {
        if (references <= 0) {
            return;
        }
        int slot = (int) sequence & mask;
        if (bodies[slot] != null) {
            remove(slot);
        }
        if (bytes + body.length > budget) {
            return;
        }
        sequences[slot] = sequence;
        bodies[slot] = body;
        this.references[slot] = references;
        bytes += body.length;
        count++;
    }

    /** The body of that message, or null if it is not kept. */
    synchronized byte[] get(long sequence) {
        int slot = (int) sequence & mask;
        return sequences[slot] == sequence ? bodies[slot] : null;
    }

    /** One queue acknowledged (or dropped) the message: forgotten when no queue holds it any more. */
    synchronized void release(long sequence) {
        int slot = (int) sequence & mask;
        if (sequences[slot] == sequence && bodies[slot] != null && --references[slot] <= 0) {
            remove(slot);
        }
    }

    synchronized void clear() {
        Arrays.fill(bodies, null);
        bytes = 0;
        count = 0;
    }

    private void remove(int slot) {
        bytes -= bodies[slot].length;
        count--;
        bodies[slot] = null;
        sequences[slot] = 0;
    }

    /** Bytes of bodies kept; for tests. */
    synchronized long bytes() {
        return bytes;
    }

    /** Bodies kept; for tests. */
    synchronized int size() {
        return count;
    }
}
