package dev.tern.client;

import dev.tern.transport.Delivery;
import dev.tern.transport.DeliveryTag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The deliveries the broker pushed to one consumer and the application has not taken yet. The
 * broker's thread only appends and returns; nothing here ever calls out while holding the monitor.
 */
final class DeliveryBuffer {

    private final ArrayDeque<Delivery> deliveries = new ArrayDeque<>();
    private boolean closed;

    synchronized void add(Delivery delivery) {
        deliveries.addLast(delivery);
        notifyAll();
    }

    /** Puts a delivery taken but not handed out back at the head, ahead of later arrivals. */
    synchronized void addFirst(Delivery delivery) {
        deliveries.addFirst(delivery);
        notifyAll();
    }

    synchronized Delivery poll() {
        return deliveries.pollFirst();
    }

    synchronized boolean isEmpty() {
        return deliveries.isEmpty();
    }

    /**
     * Waits for a delivery while {@code ready} says delivery may proceed (the connection is started).
     *
     * @param timeoutMillis 0 waits without limit, a negative value does not wait
     * @return the delivery, or null on timeout or when the buffer is closed
     */
    synchronized Delivery take(long timeoutMillis, BooleanSupplier ready) throws InterruptedException {
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        while (!closed) {
            if (ready.getAsBoolean() && !deliveries.isEmpty()) {
                return deliveries.pollFirst();
            }
            if (timeoutMillis < 0) {
                return null;
            }
            if (timeoutMillis == 0) {
                wait();
            } else {
                long remaining = (deadline - System.nanoTime()) / 1_000_000L;
                if (remaining <= 0) {
                    return null;
                }
                wait(remaining);
            }
        }
        return null;
    }

    /** Removes and returns everything buffered (to give it back to the broker). */
    synchronized List<Delivery> drain() {
        List<Delivery> all = new ArrayList<>(deliveries);
        deliveries.clear();
        return all;
    }

    /** Removes everything buffered and returns the tags, to release it at the broker. */
    synchronized List<DeliveryTag> drainTags() {
        List<DeliveryTag> tags = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            tags.add(delivery.tag());
        }
        deliveries.clear();
        return tags;
    }

    /** Wakes waiting receivers so they re-check the connection state. */
    synchronized void wake() {
        notifyAll();
    }

    /** Ends waiting receives (they return null); later deliveries are still kept, to be drained. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
