package dev.tern.broker.store;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Chronicle tailer per reading thread. Tailers are single-threaded (another thread gets
 * {@code ThreadingIllegalStateException}) and cheap to keep but not to create, so each dispatch
 * thread keeps its own. A map rather than a {@code ThreadLocal} so that {@link #close()} can close
 * them all, and so that the tailers of threads that died are closed when a new one is created
 * (a tailer holds mapped cycle files).
 */
final class TailerPerThread implements AutoCloseable {

    private final ChronicleQueue queue;
    private final Map<Thread, ExcerptTailer> tailers = new ConcurrentHashMap<>();

    TailerPerThread(ChronicleQueue queue) {
        this.queue = queue;
    }

    /** The calling thread's tailer; use it only on this thread. */
    ExcerptTailer get() {
        Thread thread = Thread.currentThread();
        ExcerptTailer tailer = tailers.get(thread);
        if (tailer == null) {
            closeTailersOfDeadThreads();
            tailer = queue.createTailer();
            tailers.put(thread, tailer);
        }
        return tailer;
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

    /** Closes every tailer; no thread may read any more. */
    @Override
    public void close() {
        tailers.values().forEach(ExcerptTailer::close);
        tailers.clear();
    }
}
