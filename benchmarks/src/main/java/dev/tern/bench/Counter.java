package dev.tern.bench;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** A listener that counts deliveries; waiting for a count polls (cheap next to a delivery). */
final class Counter implements MessageListener {

    private final AtomicLong count = new AtomicLong();

    @Override
    public void onMessage(Message message) {
        count.incrementAndGet();
    }

    void add(long n) {
        count.addAndGet(n);
    }

    long count() {
        return count.get();
    }

    /** Waits until at least {@code target} deliveries were counted; false if the time ran out. */
    boolean awaitAtLeast(long target, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (count.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(200_000);
        }
        return true;
    }
}
