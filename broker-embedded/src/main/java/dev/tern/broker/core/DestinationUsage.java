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
     * Heap a message kept on the heap costs besides its body: its index slot, the body array's header
     * and its message record while in flight.
     */
    static final int ENTRY_OVERHEAD = 128;
    /**
     * Heap a journalled message costs: its slot in the compact pending index (~17 bytes) and its row
     * in the journal compaction's pending table (~25 bytes), with chunk slack (measured 42-52 bytes
     * per pending message at 3-10 M, see DURABILITY.md); its body is read back from the journal.
     */
    static final int JOURNALLED_ENTRY_COST = 48;

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
        return message.body() != null ? ENTRY_OVERHEAD + message.body().length : JOURNALLED_ENTRY_COST;
    }

    void added(StoredMessage message) {
        bytes.addAndGet(cost(message));
    }

    /** Recovered messages: all journalled, so each costs only its index entry. */
    void addedRecovered(int messages) {
        bytes.addAndGet((long) messages * JOURNALLED_ENTRY_COST);
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
