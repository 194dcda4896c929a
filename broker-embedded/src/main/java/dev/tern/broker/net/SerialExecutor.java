package dev.tern.broker.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's requests in arrival order on a shared pool, so a request that blocks (a
 * persistent send waiting for an fsync) holds up only its own connection, never a network thread.
 * A request that cannot block may instead run at once on the calling thread ({@link #runIfIdle})
 * when nothing of the connection is queued or running: no hand-off to a worker and back.
 * Counts what waits, so the channel can stop reading when too much does.
 */
final class SerialExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private static final int BATCH = 64;

    private record Task(Runnable work, int bytes) {
    }

    private final Executor pool;
    private final Runnable afterTask;
    private final ArrayDeque<Task> queue = new ArrayDeque<>();
    private boolean running;
    private int queued;
    private long queuedBytes;

    /** @param afterTask run after each task (on the pool thread): re-checks whether to resume reading */
    SerialExecutor(Executor pool, Runnable afterTask) {
        this.pool = pool;
        this.afterTask = afterTask;
    }

    void submit(Runnable work, int bytes) {
        synchronized (this) {
            queue.add(new Task(work, bytes));
            queued++;
            queuedBytes += bytes;
            if (running) {
                return;
            }
            running = true;
        }
        schedule();
    }

    /**
     * Runs {@code work} on the calling thread if nothing submitted before is queued or running, and
     * returns true; otherwise returns false and the caller submits it. Work submitted meanwhile by
     * other threads waits for it, then runs on the pool.
     */
    boolean runIfIdle(Runnable work) {
        synchronized (this) {
            if (running) { // (not running: the queue is empty)
                return false;
            }
            running = true;
        }
        try {
            work.run();
        } catch (Throwable t) {
            LOG.error("TERN-N010 request failed unexpectedly", t);
        } finally {
            boolean more;
            synchronized (this) {
                more = !queue.isEmpty();
                running = more;
            }
            if (more) {
                schedule();
            }
        }
        return true;
    }

    synchronized int queued() {
        return queued;
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    private void schedule() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) { // the acceptor is closing: run here
            drain();
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Task task;
            synchronized (this) {
                task = queue.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.work().run();
            } catch (Throwable t) {
                LOG.error("TERN-N010 request failed unexpectedly", t);
            } finally {
                synchronized (this) {
                    queued--;
                    queuedBytes -= task.bytes();
                }
                afterTask.run();
            }
        }
        schedule(); // let other connections' work in between
    }
}
