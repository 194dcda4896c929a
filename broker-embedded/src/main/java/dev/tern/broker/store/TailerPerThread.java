package dev.tern.broker.store;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One Chronicle tailer per reading thread. Tailers are single-threaded (another thread gets
 * {@code ThreadingIllegalStateException}) and cheap to keep but not to create, so each dispatch
 * thread keeps its own. A map rather than a {@code ThreadLocal} so that {@link #close()} can close
 * them all, so that the tailers of threads that died are closed when a new one is created, and so
 * that {@link #releaseIdle()} can close them after old journal files were deleted (a tailer keeps
 * the file it last read mapped, and a deleted file uses disk space until it is unmapped).
 *
 * <p>Each tailer is used under its holder's monitor: uncontended except while
 * {@link #releaseIdle()} closes it, after which its thread creates a new one.
 */
final class TailerPerThread implements AutoCloseable {

    private static final class Holder {
        final ExcerptTailer tailer;
        boolean closed;

        Holder(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                tailer.close();
            }
        }
    }

    private final ChronicleQueue queue;
    private final Map<Thread, Holder> tailers = new ConcurrentHashMap<>();

    TailerPerThread(ChronicleQueue queue) {
        this.queue = queue;
    }

    /** Runs {@code read} with the calling thread's tailer. */
    <T> T read(Function<ExcerptTailer, T> read) {
        Thread thread = Thread.currentThread();
        while (true) {
            Holder holder = tailers.get(thread);
            if (holder == null) {
                closeTailersOfDeadThreads();
                ExcerptTailer tailer = queue.createTailer();
                tailer.singleThreadedCheckDisabled(true); // releaseIdle closes it from another thread
                holder = new Holder(tailer);
                tailers.put(thread, holder);
            }
            synchronized (holder) {
                if (!holder.closed) {
                    return read.apply(holder.tailer);
                }
            }
            tailers.remove(thread, holder);
        }
    }

    private void closeTailersOfDeadThreads() {
        tailers.entrySet().removeIf(entry -> {
            if (entry.getKey().isAlive()) {
                return false;
            }
            entry.getValue().close();
            return true;
        });
    }

    int size() {
        return tailers.size();
    }

    /** Closes every tailer (waiting for a read in progress); threads get new ones when they read again. */
    void releaseIdle() {
        tailers.values().forEach(Holder::close);
        tailers.values().removeIf(holder -> holder.closed);
    }

    /** Closes every tailer; no thread may read any more. */
    @Override
    public void close() {
        releaseIdle();
        tailers.clear();
    }
}
