package dev.tern.broker.core;

import java.util.Arrays;

/**
 * Up to {@link #MAX_LENGTH} pending messages of one priority of one queue, in ascending sequence, as
 * parallel primitive arrays: 16 bytes per message (sequence, journal document index), plus 8 for an
 * expiration and 4 for a heap body only in chunks that have some. Guarded by the owning queue's monitor.
 *
 * <p>Slots {@code [head, size)} are in use; a removed slot inside keeps its sequence negated (sequences
 * are positive), so the range stays sorted by absolute value and binary search works. The slots at
 * {@code head} and {@code size - 1} are always live (removal trims both ends), so {@link #first} and
 * {@link #last} are the chunk's bounds.
 */
final class PendingChunk {

    static final int MIN_LENGTH = 4;
    static final int MAX_LENGTH = 1024;

    long[] sequences;
    long[] documents;
    /** Null while every expiration in the chunk is 0 (never). */
    long[] expirations;
    /** Null while every message of the chunk is journalled. */
    byte[][] bodies;
    int head;
    int size;
    int live;

    PendingChunk(int length) {
        sequences = new long[length];
        documents = new long[length];
    }

    int length() {
        return sequences.length;
    }

    long first() {
        return sequences[head];
    }

    long last() {
        return sequences[size - 1];
    }

    long expiration(int i) {
        return expirations == null ? 0 : expirations[i];
    }

    byte[] body(int i) {
        return bodies == null ? null : bodies[i];
    }

    /** The first index in {@code [head, size)} whose sequence (live or removed) is at least {@code s}, else size. */
    int search(long s) {
        int lo = head;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Math.abs(sequences[mid]) < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Inserts in order without reallocating: into a removed slot next to its place, or by shifting toward free space. False if no room. */
    boolean tryInsert(long s, long document, long expiration, byte[] body) {
        int p = search(s);
        int at;
        if (p < size && sequences[p] < 0) {
            at = p; // a removed slot between its neighbours (often its own, put back)
        } else if (p > head && sequences[p - 1] < 0) {
            at = p - 1;
        } else if (head > 0 && (size == length() || p - head <= size - p)) {
            move(head, head - 1, p - head);
            head--;
            at = p - 1;
        } else if (size < length()) {
            move(p, p + 1, size - p);
            size++;
            at = p;
        } else {
            return false;
        }
        set(at, s, document, expiration, body);
        live++;
        return true;
    }

    private void set(int i, long s, long document, long expiration, byte[] body) {
        sequences[i] = s;
        documents[i] = document;
        if (expiration != 0 && expirations == null) {
            expirations = new long[length()];
        }
        if (expirations != null) {
            expirations[i] = expiration;
        }
        if (body != null && bodies == null) {
            bodies = new byte[length()][];
        }
        if (bodies != null) {
            bodies[i] = body;
        }
    }

    private void move(int from, int to, int count) {
        System.arraycopy(sequences, from, sequences, to, count);
        System.arraycopy(documents, from, documents, to, count);
        if (expirations != null) {
            System.arraycopy(expirations, from, expirations, to, count);
        }
        if (bodies != null) {
            System.arraycopy(bodies, from, bodies, to, count); // the slot left behind is written next
        }
    }

    /** Removes the live slot {@code i}. */
    void remove(int i) {
        live--;
        sequences[i] = -sequences[i];
        if (bodies != null) {
            bodies[i] = null;
        }
        while (head < size && sequences[head] < 0) {
            head++;
        }
        while (size > head && sequences[size - 1] < 0) {
            size--;
        }
        if (live == 0) {
            head = 0;
            size = 0;
        }
    }

    /** Rewrites the live slots from index 0 into arrays of {@code length} (at least {@link #live}). */
    void compact(int length) {
        if (length == length()) {
            compactInPlace();
            return;
        }
        PendingChunk copy = copyLive(head, size, length);
        sequences = copy.sequences;
        documents = copy.documents;
        expirations = copy.expirations;
        bodies = copy.bodies;
        head = 0;
        size = copy.size;
    }

    /** Moves the live slots down to index 0 in the same arrays (no allocation: consumption at the head makes room). */
    private void compactInPlace() {
        int n = 0;
        for (int i = head; i < size; i++) {
            if (sequences[i] > 0) {
                if (i != n) {
                    sequences[n] = sequences[i];
                    documents[n] = documents[i];
                    if (expirations != null) {
                        expirations[n] = expirations[i];
                    }
                    if (bodies != null) {
                        bodies[n] = bodies[i];
                    }
                }
                n++;
            }
        }
        if (bodies != null) {
            Arrays.fill(bodies, n, Math.max(n, size), null);
        }
        head = 0;
        size = n;
    }

    /** Moves the slots from {@code p} on (p inside the live range, past head) to a new chunk of that length, which it returns. */
    PendingChunk splitAt(int p, int upperLength) {
        PendingChunk upper = copyLive(p, size, upperLength);
        if (bodies != null) {
            Arrays.fill(bodies, p, size, null);
        }
        live -= upper.live;
        size = p;
        while (size > head && sequences[size - 1] < 0) {
            size--;
        }
        return upper;
    }

    private PendingChunk copyLive(int from, int to, int length) {
        PendingChunk copy = new PendingChunk(length);
        int n = 0;
        for (int i = from; i < to; i++) {
            if (sequences[i] > 0) {
                copy.set(n++, sequences[i], documents[i], expiration(i), body(i));
            }
        }
        copy.size = n;
        copy.live = n;
        return copy;
    }
}
