package dev.tern.transport.tcp;

import dev.tern.transport.DestinationRef;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The producer window of one connection: how many bytes of non-persistent sends to each destination
 * are on their way to the broker without its receipt. A send waits while its destination's bytes
 * would pass the window (one send larger than the window goes alone), so a broker that withholds
 * receipts for a full destination holds at most one window per connection and destination. A refusal
 * of an unconfirmed send (destination full, policy FAIL) is thrown by the next send to that destination.
 */
final class SendWindow {

    private final long windowBytes;
    private final Map<DestinationRef, Long> unconfirmed = new HashMap<>();
    private final Map<DestinationRef, ResourceAllocationException> refusals = new HashMap<>();
    private JMSException failure;

    /** @param windowBytes at least 1 */
    SendWindow(long windowBytes) {
        this.windowBytes = windowBytes;
    }

    /**
     * Takes room for a send of {@code bytes} to {@code destination}, waiting for receipts while there
     * is none. Throws a refusal of an earlier send to that destination, or {@code failed.get()} once
     * the link is gone.
     */
    synchronized void acquire(DestinationRef destination, long bytes, Supplier<JMSException> closed)
            throws JMSException {
        while (true) {
            if (failure != null) {
                throw closed.get();
            }
            ResourceAllocationException refused = refusals.remove(destination);
            if (refused != null) {
                ResourceAllocationException thrown = new ResourceAllocationException(refused.getMessage(),
                        refused.getErrorCode());
                thrown.initCause(refused);
                throw thrown;
            }
            long used = unconfirmed.getOrDefault(destination, 0L);
            if (used == 0 || used + bytes <= windowBytes) {
                unconfirmed.put(destination, used + bytes);
                return;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JMSException("Interrupted while waiting for the broker to take earlier messages to "
                        + destination);
            }
        }
    }

    /** The broker answered a send: its bytes leave the window. */
    synchronized void confirmed(DestinationRef destination, long bytes) {
        long left = unconfirmed.getOrDefault(destination, 0L) - bytes;
        if (left <= 0) {
            unconfirmed.remove(destination);
        } else {
            unconfirmed.put(destination, left);
        }
        notifyAll();
    }

    /** The broker refused a send: the next send to the destination throws it. */
    synchronized void refused(DestinationRef destination, long bytes, ResourceAllocationException refusal) {
        refusals.putIfAbsent(destination, refusal);
        confirmed(destination, bytes);
    }

    /** The link is gone: waiting and later sends fail. */
    synchronized void fail(JMSException cause) {
        failure = cause;
        notifyAll();
    }

    /** Bytes waiting for receipts (for tests). */
    synchronized long unconfirmedBytes() {
        return unconfirmed.values().stream().mapToLong(Long::longValue).sum();
    }
}
