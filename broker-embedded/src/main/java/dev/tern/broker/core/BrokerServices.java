package dev.tern.broker.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every queue of one broker shares: the store, the dispatch threads and the scheduler for
 * delayed deliveries. All threads are named {@code tern-<broker>-...} and stopped by {@link #shutdown}.
 */
final class BrokerServices {

    private final String brokerName;
    private final MessageStore store;
    private final ExecutorService dispatch;
    private final ScheduledThreadPoolExecutor scheduler;

    BrokerServices(String brokerName, MessageStore store, int dispatchThreads) {
        this.brokerName = brokerName;
        this.store = store;
        this.dispatch = Executors.newFixedThreadPool(dispatchThreads, named("tern-" + brokerName + "-dispatch-"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, named("tern-" + brokerName + "-scheduler-"));
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    String brokerName() {
        return brokerName;
    }

    MessageStore store() {
        return store;
    }

    ExecutorService dispatch() {
        return dispatch;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Stops the threads, waiting a little for a dispatch pass in progress. */
    void shutdown() throws InterruptedException {
        scheduler.shutdownNow();
        dispatch.shutdown();
        if (!dispatch.awaitTermination(5, TimeUnit.SECONDS)) {
            dispatch.shutdownNow();
        }
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
