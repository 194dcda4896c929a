package dev.tern.broker.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task on a shared executor, never twice at the same time, and again after the current run if
 * it was requested meanwhile. Requests coalesce: many requests during one run cause one more run.
 */
final class SerialRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SerialRunner.class);

    private final Executor executor;
    private final Runnable task;
    private final AtomicInteger requests = new AtomicInteger();
    private final Runnable drain = this::drain; // one object, not one per request

    SerialRunner(Executor executor, Runnable task) {
        this.executor = executor;
        this.task = task;
    }

    void request() {
        if (requests.getAndIncrement() == 0) {
            try {
                executor.execute(drain);
            } catch (RejectedExecutionException e) {
                requests.set(0); // the broker is stopping: nothing more to dispatch
            }
        }
    }

    private void drain() {
        int seen;
        do {
            seen = requests.get();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("TERN-B001 dispatch failed", e);
            }
        } while (requests.addAndGet(-seen) != 0);
    }
}
