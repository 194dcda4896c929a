package dev.tern.broker.core;

import java.util.ArrayList;

/**
 * The pending messages of one priority of one queue, in sequence order: a list of sorted, disjoint
 * {@link PendingChunk}s, none of them empty. Appending a newer message (the usual case) writes to the
 * last chunk; an older one (released, delayed, or racing another sender) is inserted in place, splitting
 * a full chunk if needed. Guarded by the owning queue's monitor.
 */
final class PendingLane {

    /** Keep an emptied lone chunk up to this length for the next message (larger ones go: idle queues stay small). */
    private static final int SPARE_MAX_LENGTH = 64;

    final ArrayList<PendingChunk> chunks = new ArrayList<>(1);
    int size;
    /**
     * The lone chunk emptied last, reused by the next message: a consumer that keeps up empties the
     * lane at every message, which would otherwise allocate a chunk each time.
     */
    private PendingChunk spare;

    void add(long sequence, long document, long expiration, byte[] body) {
        size++;
        int n = chunks.size();
        if (n == 0) {
            PendingChunk chunk = spare != null ? spare : new PendingChunk(PendingChunk.MIN_LENGTH);
            spare = null;
            chunks.add(chunk);
            chunk.tryInsert(sequence, document, expiration, body);
            return;
        }
        PendingChunk last = chunks.get(n - 1);
        if (sequence > last.last()) {
            append(last, sequence, document, expiration, body);
            return;
        }
        int k = chunkFor(sequence);
        PendingChunk chunk = chunks.get(k);
        if (insertGrowing(chunk, sequence, document, expiration, body)) {
            return;
        }
        // chunk k is full of live messages at its maximum length
        int p = chunk.search(sequence);
        PendingChunk fresh = new PendingChunk(PendingChunk.MIN_LENGTH);
        if (p == chunk.size) { // between chunk k and chunk k + 1 (k is not the last: that was an append)
            if (!insertGrowing(chunks.get(k + 1), sequence, document, expiration, body)) {
                fresh.tryInsert(sequence, document, expiration, body);
                chunks.add(k + 1, fresh);
            }
            return;
        }
        if (p == chunk.head) { // before everything
            fresh.tryInsert(sequence, document, expiration, body);
            chunks.add(k, fresh);
            return;
        }
        // Split where it goes: a late arrival near the end of the last chunk (senders racing each other)
        // moves only the few newer messages to a new last chunk, so chunks stay full.
        // A sender that lost the race by hundreds of messages (a descheduled thread) would leave the lower
        // part mostly empty: it keeps only a little slack.
        int moved = chunk.size - p;
        int upperLength = k == chunks.size() - 1 ? PendingChunk.MAX_LENGTH : withSlack(moved);
        chunks.add(k + 1, chunk.splitAt(p, upperLength));
        if (chunk.length() > withSlack(chunk.live + 1)) {
            chunk.compact(withSlack(chunk.live + 1));
        }
        chunk.tryInsert(sequence, document, expiration, body);
    }

    /** A length for a chunk that is not appended to: room for an eighth more late arrivals. */
    private static int withSlack(int live) {
        return Math.min(PendingChunk.MAX_LENGTH, Math.max(PendingChunk.MIN_LENGTH, live + live / 8 + 1));
    }

    /**
     * Inserts into the chunk, squeezing out its holes or growing it by an eighth if needed (chunks
     * inside the lane stay nearly full); false if it is full at its maximum length.
     */
    private static boolean insertGrowing(PendingChunk chunk, long sequence, long document, long expiration, byte[] body) {
        if (chunk.tryInsert(sequence, document, expiration, body)) {
            return true;
        }
        if (chunk.live < chunk.length()) {
            chunk.compact(chunk.length());
        } else if (chunk.length() < PendingChunk.MAX_LENGTH) {
            chunk.compact(withSlack(chunk.length()));
        } else {
            return false;
        }
        return chunk.tryInsert(sequence, document, expiration, body);
    }

    /** Appends after everything, reusing the space consumption freed at the head of a lone chunk. */
    private void append(PendingChunk last, long sequence, long document, long expiration, byte[] body) {
        if (last.size == last.length()) {
            if (last.live <= last.length() / 2) {
                last.compact(last.length());
            } else if (last.length() < PendingChunk.MAX_LENGTH) {
                last.compact(Math.min(PendingChunk.MAX_LENGTH, last.length() * 2));
            } else {
                last = new PendingChunk(PendingChunk.MAX_LENGTH);
                chunks.add(last);
            }
        }
        last.tryInsert(sequence, document, expiration, body);
    }

    /** The index of the last chunk starting at or before {@code sequence}, or 0. */
    int chunkFor(long sequence) {
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

    /**
     * Removes the live slot {@code i} of chunk {@code k}. An emptied chunk leaves the list; a chunk
     * between the first and the last one that is mostly holes (selectors, expiry) is rewritten smaller,
     * so stragglers do not pin whole chunks.
     */
    void remove(int k, int i) {
        size--;
        PendingChunk chunk = chunks.get(k);
        chunk.remove(i);
        if (chunk.live == 0) {
            chunks.remove(k);
            if (chunks.isEmpty() && chunk.length() <= SPARE_MAX_LENGTH) {
                spare = chunk; // empty: head, size and live are 0, bodies cleared
            }
        } else if (k > 0 && k < chunks.size() - 1 && chunk.length() > PendingChunk.MIN_LENGTH
                && chunk.live < chunk.length() / 4) {
            chunk.compact(Math.max(PendingChunk.MIN_LENGTH, chunk.live * 2));
        }
    }

    /** Removes the message with that sequence; false if it is not here. */
    boolean remove(long sequence) {
        if (size == 0) {
            return false;
        }
        int k = chunkFor(sequence);
        PendingChunk chunk = chunks.get(k);
        int i = chunk.search(sequence);
        if (i < chunk.size && chunk.sequences[i] == sequence) {
            remove(k, i);
            return true;
        }
        return false;
    }

    boolean contains(long sequence) {
        if (size == 0) {
            return false;
        }
        PendingChunk chunk = chunks.get(chunkFor(sequence));
        int i = chunk.search(sequence);
        return i < chunk.size && chunk.sequences[i] == sequence;
    }
}
