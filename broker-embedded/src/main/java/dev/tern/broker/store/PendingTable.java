package dev.tern.broker.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pending messages of a {@link JournalState}, in ascending sequence: chunks of parallel primitive
 * arrays (sequence, document index, body size, priority, queue id), about 25 bytes per message pending
 * on one queue. Expiration and delivery time take 8 bytes each only in chunks where some message has
 * one; a message pending on several queues (a topic with several durable subscriptions) keeps its
 * queue ids in a side map. Queue keys are interned as int ids for the table's lifetime.
 *
 * <p>Messages arrive almost in sequence order, so an insert is nearly always an append to the last
 * chunk; a late one is inserted in place (a full chunk passes its last message to the next chunk). A
 * removed message leaves a tombstone (its sequence stays, so each chunk stays sorted for binary
 * search) until its chunk is compacted.
 *
 * <p>Not thread-safe.
 */
final class PendingTable {

    static final int CHUNK = 1024;
    private static final int MIN_LENGTH = 16;
    /** The queue id of a removed slot. */
    private static final int REMOVED = -1;
    /** The queue id of a message pending on several queues: see {@link #several}. */
    private static final int SEVERAL = -2;

    private final List<Chunk> chunks = new ArrayList<>();
    private final Map<String, Integer> queueIds = new HashMap<>();
    private final List<String> queueKeys = new ArrayList<>();
    private final Map<Long, int[]> several = new HashMap<>();
    private long size;
    /**
     * An emptied full-length chunk kept for the next new last chunk: when messages are removed soon
     * after they are added (a consumer keeping up), the table then allocates nothing.
     */
    private Chunk spare;
    private long fullLengthChunksMade;

    private static final class Chunk {
        long[] sequences;
        long[] documents;
        int[] bodySizes;
        byte[] priorities;
        int[] queues;
        /** Null while every expiration in the chunk is 0 (never). */
        long[] expirations;
        /** Null while every delivery time in the chunk is 0 (at once). */
        long[] deliveryTimes;
        int used;
        int live;

        Chunk(int length) {
            sequences = new long[length];
            documents = new long[length];
            bodySizes = new int[length];
            priorities = new byte[length];
            queues = new int[length];
        }

        int length() {
            return sequences.length;
        }

        long first() {
            return sequences[0];
        }

        long last() {
            return sequences[used - 1];
        }

        /** The first slot whose sequence (live or removed) is at least {@code s}, else used. */
        int search(long s) {
            int lo = 0;
            int hi = used;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sequences[mid] < s) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Copies this chunk's live slots {@code [from, to)} into {@code target} after its used slots. */
        void copyLiveTo(int from, int to, Chunk target) {
            for (int i = from; i < to; i++) {
                if (queues[i] == REMOVED) {
                    continue;
                }
                int j = target.used++;
                target.sequences[j] = sequences[i];
                target.documents[j] = documents[i];
                target.bodySizes[j] = bodySizes[i];
                target.priorities[j] = priorities[i];
                target.queues[j] = queues[i];
                if (expirations != null && expirations[i] != 0) {
                    target.expirationsForWrite()[j] = expirations[i];
                } else if (target.expirations != null) {
                    target.expirations[j] = 0; // the target's arrays may be reused ones
                }
                if (deliveryTimes != null && deliveryTimes[i] != 0) {
                    target.deliveryTimesForWrite()[j] = deliveryTimes[i];
                } else if (target.deliveryTimes != null) {
                    target.deliveryTimes[j] = 0;
                }
                target.live++;
            }
        }

        /** Drops the tombstones by moving the live slots down, keeping the arrays. */
        void compactInPlace() {
            int j = 0;
            for (int i = 0; i < used; i++) {
                if (queues[i] == REMOVED) {
                    continue;
                }
                if (i != j) {
                    sequences[j] = sequences[i];
                    documents[j] = documents[i];
                    bodySizes[j] = bodySizes[i];
                    priorities[j] = priorities[i];
                    queues[j] = queues[i];
                    if (expirations != null) {
                        expirations[j] = expirations[i];
                    }
                    if (deliveryTimes != null) {
                        deliveryTimes[j] = deliveryTimes[i];
                    }
                }
                j++;
            }
            if (expirations != null) {
                Arrays.fill(expirations, j, used, 0);
            }
            if (deliveryTimes != null) {
                Arrays.fill(deliveryTimes, j, used, 0);
            }
            used = j;
            live = j;
        }

        /** Empties the chunk for reuse (every writer sets the slots it fills: no need to clear past used). */
        void clear() {
            if (expirations != null) {
                Arrays.fill(expirations, 0, used, 0);
            }
            if (deliveryTimes != null) {
                Arrays.fill(deliveryTimes, 0, used, 0);
            }
            used = 0;
            live = 0;
        }

        long[] expirationsForWrite() {
            if (expirations == null) {
                expirations = new long[length()];
            }
            return expirations;
        }

        long[] deliveryTimesForWrite() {
            if (deliveryTimes == null) {
                deliveryTimes = new long[length()];
            }
            return deliveryTimes;
        }

        void resize(int length) {
            sequences = Arrays.copyOf(sequences, length);
            documents = Arrays.copyOf(documents, length);
            bodySizes = Arrays.copyOf(bodySizes, length);
            priorities = Arrays.copyOf(priorities, length);
            queues = Arrays.copyOf(queues, length);
            if (expirations != null) {
                expirations = Arrays.copyOf(expirations, length);
            }
            if (deliveryTimes != null) {
                deliveryTimes = Arrays.copyOf(deliveryTimes, length);
            }
        }

        /** Opens slot {@code at} by shifting the slots after it up by one; there must be room. */
        void open(int at) {
            int n = used - at;
            System.arraycopy(sequences, at, sequences, at + 1, n);
            System.arraycopy(documents, at, documents, at + 1, n);
            System.arraycopy(bodySizes, at, bodySizes, at + 1, n);
            System.arraycopy(priorities, at, priorities, at + 1, n);
            System.arraycopy(queues, at, queues, at + 1, n);
            if (expirations != null) {
                System.arraycopy(expirations, at, expirations, at + 1, n);
                expirations[at] = 0;
            }
            if (deliveryTimes != null) {
                System.arraycopy(deliveryTimes, at, deliveryTimes, at + 1, n);
                deliveryTimes[at] = 0;
            }
            used++;
        }
    }

    /** How many messages are pending (on at least one queue). */
    long size() {
        return size;
    }

    /** How many chunks hold the messages (for tests: slack stays bounded). */
    int chunkCount() {
        return chunks.size();
    }

    /** How many full-length chunks were allocated (for tests: reuse keeps it low). */
    long fullLengthChunksMade() {
        return fullLengthChunksMade;
    }

    boolean contains(long sequence) {
        return locate(sequence) >= 0;
    }

    /**
     * Adds a message pending on one queue; it must not be in the table yet.
     *
     * @throws IllegalStateException if it is
     */
    void add(long sequence, long documentIndex, int priority, long expiration, long deliveryTime, int bodySize,
            String queueKey) {
        int queue = queueId(queueKey);
        Chunk chunk;
        int slot;
        Chunk tail = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
        if (tail == null || tail.last() < sequence) {
            if (tail == null || tail.used == CHUNK) {
                tail = fullLengthChunk();
                chunks.add(tail);
            } else if (tail.used == tail.length()) {
                tail.resize(Math.min(CHUNK, tail.length() * 2));
            }
            chunk = tail;
            slot = tail.used++;
        } else {
            int c = chunkFor(sequence);
            chunk = chunks.get(c);
            slot = chunk.search(sequence);
            if (slot < chunk.used && chunk.sequences[slot] == sequence) {
                if (chunk.queues[slot] != REMOVED) {
                    throw new IllegalStateException("Message " + sequence + " is already pending");
                }
                // its own tombstone: the slot is reused
            } else {
                if (chunk.used == CHUNK) {
                    chunk = compact(c);
                    slot = chunk.search(sequence); // the slots moved
                }
                if (chunk.used == CHUNK) {
                    // Full: its last message (or the new one) goes to the front of the next chunk, a new
                    // one if that is full too. Splitting in halves instead would leave two half-empty
                    // chunks at each late arrival of concurrent senders.
                    Chunk next = c + 1 < chunks.size() ? chunks.get(c + 1) : null;
                    if (next == null || next.used == CHUNK) {
                        next = next == null ? fullLengthChunk() : new Chunk(MIN_LENGTH);
                        chunks.add(c + 1, next);
                    } else if (next.used == next.length()) {
                        next.resize(Math.min(CHUNK, next.length() * 2));
                    }
                    if (slot == chunk.used) {
                        chunk = next;
                        slot = 0;
                    } else {
                        spillLast(chunk, next);
                    }
                }
                if (chunk.used == chunk.length()) {
                    chunk.resize(Math.min(CHUNK, Math.max(MIN_LENGTH, chunk.length() * 2)));
                }
                chunk.open(slot);
            }
        }
        chunk.sequences[slot] = sequence;
        chunk.documents[slot] = documentIndex;
        chunk.bodySizes[slot] = bodySize;
        chunk.priorities[slot] = (byte) priority;
        chunk.queues[slot] = queue;
        if (expiration != 0) {
            chunk.expirationsForWrite()[slot] = expiration;
        } else if (chunk.expirations != null) {
            chunk.expirations[slot] = 0;
        }
        if (deliveryTime != 0) {
            chunk.deliveryTimesForWrite()[slot] = deliveryTime;
        } else if (chunk.deliveryTimes != null) {
            chunk.deliveryTimes[slot] = 0;
        }
        chunk.live++;
        size++;
    }

    /** Moves a chunk's last slot (live: the chunk is compacted) to the front of the next chunk, which has room. */
    private static void spillLast(Chunk chunk, Chunk next) {
        int last = chunk.used - 1;
        next.open(0);
        next.sequences[0] = chunk.sequences[last];
        next.documents[0] = chunk.documents[last];
        next.bodySizes[0] = chunk.bodySizes[last];
        next.priorities[0] = chunk.priorities[last];
        next.queues[0] = chunk.queues[last];
        if (chunk.expirations != null && chunk.expirations[last] != 0) {
            next.expirationsForWrite()[0] = chunk.expirations[last];
        }
        if (chunk.deliveryTimes != null && chunk.deliveryTimes[last] != 0) {
            next.deliveryTimesForWrite()[0] = chunk.deliveryTimes[last];
        }
        next.live++;
        chunk.used--;
        chunk.live--;
    }

    /** Adds a queue to a pending message; false if it is not pending or already on that queue. */
    boolean addQueue(long sequence, String queueKey) {
        long at = locate(sequence);
        if (at < 0) {
            return false;
        }
        Chunk chunk = chunks.get((int) (at >>> 32));
        int slot = (int) at;
        int queue = queueId(queueKey);
        int current = chunk.queues[slot];
        if (current == queue) {
            return false;
        }
        if (current != SEVERAL) {
            several.put(sequence, new int[] {current, queue});
            chunk.queues[slot] = SEVERAL;
            return true;
        }
        int[] ids = several.get(sequence);
        for (int id : ids) {
            if (id == queue) {
                return false;
            }
        }
        int[] more = Arrays.copyOf(ids, ids.length + 1);
        more[ids.length] = queue;
        several.put(sequence, more);
        return true;
    }

    /** True if the message is pending on that queue. */
    boolean holds(long sequence, String queueKey) {
        long at = locate(sequence);
        Integer queue = queueIds.get(queueKey);
        if (at < 0 || queue == null) {
            return false;
        }
        int current = chunks.get((int) (at >>> 32)).queues[(int) at];
        if (current != SEVERAL) {
            return current == queue;
        }
        for (int id : several.get(sequence)) {
            if (id == queue) {
                return true;
            }
        }
        return false;
    }

    /** Removes a queue from a message (the message too when it was its last); false if it was not on it. */
    boolean removeQueue(long sequence, String queueKey) {
        long at = locate(sequence);
        Integer queue = queueIds.get(queueKey);
        if (at < 0 || queue == null) {
            return false;
        }
        int c = (int) (at >>> 32);
        if (!dropQueue(chunks.get(c), (int) at, queue)) {
            return false;
        }
        tidy(c);
        return true;
    }

    /** Removes a queue from every message (a removed or recreated subscription). */
    void forgetQueue(String queueKey) {
        Integer queue = queueIds.get(queueKey);
        if (queue == null) {
            return;
        }
        for (int c = chunks.size() - 1; c >= 0; c--) {
            Chunk chunk = chunks.get(c);
            boolean changed = false;
            for (int i = 0; i < chunk.used; i++) {
                changed |= dropQueue(chunk, i, queue);
            }
            if (changed) {
                tidy(c);
            }
        }
    }

    /** Records that a pending message's body is now in that document; false if it is not pending. */
    boolean relocate(long sequence, long documentIndex) {
        long at = locate(sequence);
        if (at < 0) {
            return false;
        }
        chunks.get((int) (at >>> 32)).documents[(int) at] = documentIndex;
        return true;
    }

    /** A cursor over the pending messages in ascending sequence; the table must not change while it is used. */
    Cursor cursor() {
        return new Cursor();
    }

    /** Reads the pending messages one by one; positioned before the first until {@link #next}. */
    final class Cursor {
        private int chunkIndex;
        private int slot = -1;
        private Chunk chunk = chunks.isEmpty() ? null : chunks.get(0);

        /** Moves to the next pending message; false at the end. */
        boolean next() {
            while (chunk != null) {
                while (++slot < chunk.used) {
                    if (chunk.queues[slot] != REMOVED) {
                        return true;
                    }
                }
                chunkIndex++;
                chunk = chunkIndex < chunks.size() ? chunks.get(chunkIndex) : null;
                slot = -1;
            }
            return false;
        }

        long sequence() {
            return chunk.sequences[slot];
        }

        long documentIndex() {
            return chunk.documents[slot];
        }

        int priority() {
            return chunk.priorities[slot];
        }

        long expiration() {
            return chunk.expirations == null ? 0 : chunk.expirations[slot];
        }

        long deliveryTime() {
            return chunk.deliveryTimes == null ? 0 : chunk.deliveryTimes[slot];
        }

        int bodySize() {
            return chunk.bodySizes[slot];
        }

        int queueCount() {
            return chunk.queues[slot] == SEVERAL ? several.get(sequence()).length : 1;
        }

        /** The queue keys in the order they were added. */
        String queueKey(int i) {
            int queue = chunk.queues[slot];
            return queueKeys.get(queue == SEVERAL ? several.get(sequence())[i] : queue);
        }
    }

    private int queueId(String queueKey) {
        Integer id = queueIds.get(queueKey);
        if (id == null) {
            id = queueKeys.size();
            queueKeys.add(queueKey);
            queueIds.put(queueKey, id);
        }
        return id;
    }

    /** The chunk and slot of a pending message as {@code chunk << 32 | slot}, or -1. */
    private long locate(long sequence) {
        if (chunks.isEmpty()) {
            return -1;
        }
        int c = chunkFor(sequence);
        Chunk chunk = chunks.get(c);
        int slot = chunk.search(sequence);
        if (slot < chunk.used && chunk.sequences[slot] == sequence && chunk.queues[slot] != REMOVED) {
            return (long) c << 32 | slot;
        }
        return -1;
    }

    /** The last chunk whose first sequence is at most that one, or the first chunk; chunks must not be empty. */
    private int chunkFor(long sequence) {
        int lo = 0;
        int hi = chunks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chunks.get(mid).first() <= sequence) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Removes a queue from one slot; true if it held it. */
    private boolean dropQueue(Chunk chunk, int slot, int queue) {
        int current = chunk.queues[slot];
        if (current == queue) {
            chunk.queues[slot] = REMOVED;
            chunk.live--;
            size--;
            return true;
        }
        if (current != SEVERAL) {
            return false;
        }
        long sequence = chunk.sequences[slot];
        int[] ids = several.get(sequence);
        int at = -1;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == queue) {
                at = i;
            }
        }
        if (at < 0) {
            return false;
        }
        if (ids.length == 2) {
            several.remove(sequence);
            chunk.queues[slot] = ids[1 - at];
        } else {
            int[] fewer = new int[ids.length - 1];
            System.arraycopy(ids, 0, fewer, 0, at);
            System.arraycopy(ids, at + 1, fewer, at, ids.length - at - 1);
            several.put(sequence, fewer);
        }
        return true;
    }

    /**
     * After removals from a chunk: drops it when empty, compacts it when half tombstones, merges small
     * neighbours.
     */
    private void tidy(int c) {
        Chunk chunk = chunks.get(c);
        if (chunk.live == 0) {
            recycle(chunks.remove(c));
            return;
        }
        if (chunk.live * 2 > chunk.used) {
            return;
        }
        chunk = compact(c);
        if (c + 1 < chunks.size() && chunk.live + chunks.get(c + 1).live <= CHUNK / 2) {
            merge(c);
        } else if (c > 0 && chunks.get(c - 1).live + chunk.live <= CHUNK / 2) {
            merge(c - 1);
        }
    }

    /**
     * Whether the chunk at that position keeps its arrays when it loses messages. The last chunk takes
     * the appends and the first one the removals of a queue consumed in order: shrinking them would
     * reallocate at every turn, and two chunks of slack do not matter. The others shrink to what they
     * hold, so that a deep backlog thinned by removals keeps its small footprint.
     */
    private boolean keepsArrays(int c) {
        return c == 0 || c == chunks.size() - 1;
    }

    /**
     * Drops a chunk's tombstones; shrinks its arrays unless {@link #keepsArrays}, replacing the chunk.
     *
     * @return the chunk now at {@code c}
     */
    private Chunk compact(int c) {
        Chunk chunk = chunks.get(c);
        if (chunk.live == chunk.used) {
            return chunk;
        }
        if (keepsArrays(c)) {
            chunk.compactInPlace();
            return chunk;
        }
        Chunk packed = new Chunk(Math.max(MIN_LENGTH, chunk.live));
        chunk.copyLiveTo(0, chunk.used, packed);
        chunks.set(c, packed);
        recycle(chunk);
        return packed;
    }

    /** Appends the live slots of the chunk after {@code c} (all after its own) to the chunk at {@code c}. */
    private void merge(int c) {
        Chunk chunk = chunks.get(c);
        Chunk next = chunks.remove(c + 1);
        int live = chunk.live + next.live;
        if (keepsArrays(c) && chunk.length() >= live) {
            chunk.compactInPlace();
            next.copyLiveTo(0, next.used, chunk);
        } else {
            boolean last = c == chunks.size() - 1;
            Chunk merged = new Chunk(last ? CHUNK : Math.max(MIN_LENGTH, live));
            chunk.copyLiveTo(0, chunk.used, merged);
            next.copyLiveTo(0, next.used, merged);
            chunks.set(c, merged);
            recycle(chunk);
        }
        recycle(next);
    }

    /** A chunk of {@link #CHUNK} slots, the spare one if there is one. */
    private Chunk fullLengthChunk() {
        Chunk chunk = spare;
        if (chunk == null) {
            fullLengthChunksMade++;
            return new Chunk(CHUNK);
        }
        spare = null;
        return chunk;
    }

    /** Keeps a chunk no longer in the table as the spare if it is full-length and there is none. */
    private void recycle(Chunk chunk) {
        if (spare == null && chunk.length() == CHUNK) {
            chunk.clear();
            spare = chunk;
        }
    }
}
