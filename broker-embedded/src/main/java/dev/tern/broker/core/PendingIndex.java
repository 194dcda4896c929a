package dev.tern.broker.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pending messages of one {@link MessageQueue} in delivery order (higher priority first, then
 * sequence), stored compactly: one {@link PendingLane} of primitive arrays per priority (about 16 bytes
 * per journalled message), no object per message. A message's delivery count is implicit (1 at or below
 * the delivered mark recovered from the journal, else 0); the rare other counts (redeliveries put back)
 * are in a side map. Objects ({@link QueueEntry}, {@link StoredMessage}) exist only for what is taken
 * out: in flight, browsed, expired.
 *
 * <p>Not thread-safe: guarded by the owning queue's monitor, like the rest of the queue's state.
 */
final class PendingIndex {

    private static final int PRIORITIES = 10;

    private final PendingLane[] lanes = new PendingLane[PRIORITIES];
    private final Map<Long, Integer> counts = new HashMap<>();
    private long recoveredMark;
    private int size;

    int size() {
        return size;
    }

    /** The chunks of one priority's lane (for tests). */
    List<PendingChunk> laneChunks(int priority) {
        return lanes[priority] == null ? List.of() : lanes[priority].chunks;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a message that was delivered {@code deliveryCount} times; its sequence must not be pending already. */
    void add(StoredMessage message, int deliveryCount) {
        int priority = message.priority();
        PendingLane lane = lanes[priority];
        if (lane == null) {
            lane = new PendingLane();
            lanes[priority] = lane;
        }
        long sequence = message.sequence();
        lane.add(sequence, message.documentIndex(), message.expiration(), message.body());
        size++;
        if (deliveryCount != implicitCount(sequence)) {
            counts.put(sequence, deliveryCount);
        } else if (!counts.isEmpty()) {
            counts.remove(sequence);
        }
    }

    /**
     * Recovery: every message at or below {@code mark} (the queue's journalled delivered mark) counts as
     * delivered once unless {@link #setDeliveryCount} says otherwise. Only for messages that are older
     * than the mark, i.e. before any new message is added.
     */
    void setRecoveredMark(long mark) {
        recoveredMark = mark;
    }

    /** Recovery: the journalled redelivery count of a pending message (ignored if it is not pending). */
    void setDeliveryCount(long sequence, int count) {
        if (contains(sequence)) {
            if (count == implicitCount(sequence)) {
                counts.remove(sequence);
            } else {
                counts.put(sequence, count);
            }
        }
    }

    private int implicitCount(long sequence) {
        return sequence <= recoveredMark ? 1 : 0;
    }

    private int deliveryCount(long sequence) {
        Integer count = counts.isEmpty() ? null : counts.get(sequence);
        return count != null ? count : implicitCount(sequence);
    }

    boolean contains(long sequence) {
        for (PendingLane lane : lanes) {
            if (lane != null && lane.contains(sequence)) {
                return true;
            }
        }
        return false;
    }

    /** Removes the message with that sequence (recovery: it was acknowledged); false if not pending. */
    boolean remove(long sequence) {
        for (PendingLane lane : lanes) {
            if (lane != null && lane.remove(sequence)) {
                size--;
                if (!counts.isEmpty()) {
                    counts.remove(sequence);
                }
                return true;
            }
        }
        return false;
    }

    void clear() {
        Arrays.fill(lanes, null);
        counts.clear();
        size = 0;
    }

    /** Slots allocated in all chunks (for tests: the index's footprint is about 16 bytes a slot). */
    long allocatedSlots() {
        long slots = 0;
        for (PendingLane lane : lanes) {
            if (lane != null) {
                for (PendingChunk chunk : lane.chunks) {
                    slots += chunk.length();
                }
            }
        }
        return slots;
    }

    /** The pending messages in delivery order (for browsers). */
    List<StoredMessage> messages() {
        List<StoredMessage> result = new ArrayList<>(size);
        Cursor cursor = cursor();
        while (cursor.next()) {
            result.add(cursor.message());
        }
        return result;
    }

    /**
     * A cursor at the start; valid until the index is changed other than through it or the next call
     * (the same cursor each time: a dispatch pass allocates none).
     */
    Cursor cursor() {
        cursor.reset();
        return cursor;
    }

    /** Reused by every walk (one per dispatch pass): one walk at a time, under the queue's lock. */
    private final Cursor cursor = new Cursor();

    /** Walks the pending messages in delivery order; can take out the one it is on. */
    final class Cursor {

        private void reset() {
            priority = PRIORITIES - 1;
            inLane = false;
            removed = false;
            chunk = 0;
            slot = 0;
            current = 0;
        }

        private int priority = PRIORITIES - 1;
        private boolean inLane;
        private boolean removed;
        private int chunk;
        private int slot;
        private long current;

        /** Moves to the next pending message; false at the end. */
        boolean next() {
            while (priority >= 0) {
                PendingLane lane = lanes[priority];
                if (lane != null && lane.size > 0) {
                    if (!inLane) {
                        inLane = true;
                        chunk = 0;
                        slot = lane.chunks.get(0).head;
                    } else if (removed) {
                        chunk = lane.chunkFor(current);
                        slot = lane.chunks.get(chunk).search(current + 1);
                    } else {
                        slot++;
                    }
                    removed = false;
                    while (chunk < lane.chunks.size()) {
                        PendingChunk c = lane.chunks.get(chunk);
                        slot = Math.max(slot, c.head);
                        while (slot < c.size && c.sequences[slot] < 0) {
                            slot++;
                        }
                        if (slot < c.size) {
                            current = c.sequences[slot];
                            return true;
                        }
                        chunk++;
                        slot = 0;
                    }
                }
                priority--;
                inLane = false;
                removed = false;
            }
            return false;
        }

        private PendingChunk chunk() {
            if (removed || priority < 0 || !inLane) {
                throw new IllegalStateException("The cursor is not on a pending message");
            }
            return lanes[priority].chunks.get(chunk);
        }

        long sequence() {
            chunk();
            return current;
        }

        boolean expiredAt(long now) {
            long expiration = chunk().expiration(slot);
            return expiration != 0 && expiration <= now;
        }

        /** The message it is on, as an object (made on each call). */
        StoredMessage message() {
            PendingChunk c = chunk();
            return new StoredMessage(current, c.documents[slot], c.body(slot), priority, c.expiration(slot), 0);
        }

        /** Takes the message it is on out of the index; {@link #next} then moves to the one after it. */
        QueueEntry remove() {
            QueueEntry entry = new QueueEntry(message());
            entry.deliveryCount = deliveryCount(current);
            lanes[priority].remove(chunk, slot);
            size--;
            if (!counts.isEmpty()) {
                counts.remove(current);
            }
            removed = true;
            return entry;
        }
    }
}
