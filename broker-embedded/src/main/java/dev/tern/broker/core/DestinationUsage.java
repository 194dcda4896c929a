package dev.tern.broker.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one queue or subscription holds in the broker's memory, in estimated bytes: every message it
 * holds, from its arrival (delayed ones included) until it is removed for good (acknowledged,
 * expired, dropped), counts {@link #cost}. It is full at {@code maxBytes} or more; each removal that
 * leaves it below tells {@code roomFreed}, so that blocked sends can go on.
 */
final class DestinationUsage {

    /**
     * Heap an entry costs besides its body: the index entry, the message record and the index node.
     * A journalled message costs only this (its body is read back from the journal).
     */
    static final int ENTRY_OVERHEAD = 128;

    private final long maxBytes;
    private final Runnable roomFreed;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lastSweep = new AtomicLong();

    /** @param maxBytes 0 = no limit */
    DestinationUsage(long maxBytes, Runnable roomFreed) {
        this.maxBytes = maxBytes;
        this.roomFreed = roomFreed;
    }

    static DestinationUsage unlimited() {
        return new DestinationUsage(0, () -> { });
    }

    /** The estimated heap a message held by one queue costs. */
    static long cost(StoredMessage message) {
        return ENTRY_OVERHEAD + (message.body() != null ? message.body().length : 0);
    }

    void added(StoredMessage message) {
        bytes.addAndGet(cost(message));
    }

    void removed(StoredMessage message) {
        long now = bytes.addAndGet(-cost(message));
        if (maxBytes > 0 && now < maxBytes) {
            roomFreed.run();
        }
    }

    boolean full() {
        return maxBytes > 0 && bytes.get() >= maxBytes;
    }

    /**
     * True at most once per {@code intervalMillis}: whether a full queue may now be searched for
     * expired messages (a scan of its pending index, so not on every refused or parked send).
     */
    boolean sweepDue(long now, long intervalMillis) {
        long last = lastSweep.get();
        return now - last >= intervalMillis && lastSweep.compareAndSet(last, now);
    }

    long bytes() {
        return bytes.get();
    }

    long maxBytes() {
        return maxBytes;
    }
}
