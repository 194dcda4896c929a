package dev.tern.broker.store;

import dev.tern.message.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongToIntFunction;

/**
 * What a replay of the journal up to one document rebuilds, kept by the store itself so that it can
 * restate it in a checkpoint: durable subscriptions, the highest sequence, per-queue delivered marks,
 * the pending messages (where each body is, its header fields, which queues hold it) and their
 * journalled delivery counts. It follows the same rules as the broker's own recovery
 * ({@code core.Recovery}); it holds no message bodies.
 *
 * <p>Not thread-safe: owned by the replay, then by the compaction thread.
 */
final class JournalState implements RecordScanner.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(JournalState.class);
    /** The size of an encoded message's fixed part, which holds the fields read here. */
    private static final int FIXED_HEADER_BYTES = 28;

    final Map<String, SubscriptionCreated> subscriptions = new LinkedHashMap<>();
    final Map<String, Long> deliveredMarks = new HashMap<>();
    final Map<String, Map<Long, Integer>> deliveryCounts = new HashMap<>();
    /** The pending messages, in ascending sequence. */
    final PendingTable messages = new PendingTable();
    /** Journal bytes per cycle, as far as this state has seen them, except {@link #openCycle}'s latest. */
    private final TreeMap<Integer, Long> cycleBytes = new TreeMap<>();
    /** The cycle of the last documents applied and their bytes not yet in {@link #cycleBytes} (no boxing each). */
    private int openCycle;
    private long openCycleBytes;
    long highestSequence;
    /** The index of the last document applied, or -1. */
    long position = -1;
    /** The index of the first document applied since this state was created or loaded, or -1. */
    long firstApplied = -1;

    // The messages stored by the document being applied (Enqueued refers to its own document only).
    private final DocumentMessages documentMessages = new DocumentMessages();
    private long documentIndex;

    /** Applies one document's records, as replay does. */
    void apply(long documentIndex, List<JournalRecord> records, int documentBytes, int cycle) {
        beginDocument(documentIndex);
        for (JournalRecord record : records) {
            applyRecord(record);
        }
        endDocument(documentIndex, documentBytes, cycle);
    }

    /** Starts applying a document whose records come through this state's {@link RecordScanner.Sink} methods. */
    void beginDocument(long index) {
        documentMessages.clear();
        documentIndex = index;
    }

    /** Ends the document started by {@link #beginDocument}. */
    void endDocument(long index, int documentBytes, int cycle) {
        documentMessages.clear();
        if (openCycleBytes > 0 && cycle != openCycle) {
            cycleBytes.merge(openCycle, openCycleBytes, Long::sum);
            openCycleBytes = 0;
        }
        openCycle = cycle;
        openCycleBytes += documentBytes;
        position = index;
        if (firstApplied < 0) {
            firstApplied = index;
        }
    }

    /** Journal bytes per cycle, as far as this state has seen them (for choosing what to copy forward). */
    TreeMap<Integer, Long> cycleBytes() {
        if (openCycleBytes > 0) {
            cycleBytes.merge(openCycle, openCycleBytes, Long::sum);
            openCycleBytes = 0;
        }
        return cycleBytes;
    }

    private void applyRecord(JournalRecord record) {
        if (record instanceof MessageStored m) {
            byte[] body = m.message();
            messageStored(m.sequence(), body, body == null ? 0 : body.length);
        } else if (record instanceof Enqueued e) {
            enqueued(e.queueKey(), e.sequence());
        } else if (record instanceof Acknowledged a) {
            acknowledged(a.queueKey(), a.sequence());
        } else if (record instanceof Delivered d) {
            delivered(d.queueKey(), d.highestSequence());
        } else if (record instanceof DeliveryCounted c) {
            deliveryCounted(c.queueKey(), c.sequence(), c.count());
        } else if (record instanceof SubscriptionCreated s) {
            subscriptionCreated(s);
        } else if (record instanceof SubscriptionRemoved r) {
            subscriptionRemoved(r.queueKey());
        } else if (record instanceof MessageMoved m) {
            messageMoved(m.sequence());
        } else {
            throw new IllegalStateException("Not a journal document record: " + record);
        }
    }

    @Override
    public void messageStored(long sequence, byte[] head, int bodyLength) {
        highestSequence = Math.max(highestSequence, sequence);
        if (readable(head, bodyLength)) {
            documentMessages.add(sequence, MessageCodec.priority(head), MessageCodec.expiration(head),
                    MessageCodec.deliveryTime(head), bodyLength);
        } else {
            LOG.debug("Journal document {} holds an unreadable message {}", RecordCodec.describe(documentIndex),
                    sequence);
        }
    }

    @Override
    public void enqueued(String queueKey, long sequence) {
        if (messages.contains(sequence)) {
            messages.addQueue(sequence, queueKey);
            return;
        }
        int at = documentMessages.find(sequence);
        if (at < 0) {
            return; // the broker's recovery reports it as missing
        }
        messages.add(sequence, documentIndex, documentMessages.priorities[at], documentMessages.expirations[at],
                documentMessages.deliveryTimes[at], documentMessages.sizes[at], queueKey);
    }

    @Override
    public void acknowledged(String queueKey, long sequence) {
        remove(queueKey, sequence);
    }

    @Override
    public void delivered(String queueKey, long highestSequence) {
        Long mark = deliveredMarks.get(queueKey);
        if (mark == null || mark < highestSequence) {
            deliveredMarks.put(queueKey, highestSequence);
        }
    }

    @Override
    public void deliveryCounted(String queueKey, long sequence, int count) {
        if (messages.holds(sequence, queueKey)) {
            deliveryCounts.computeIfAbsent(queueKey, k -> new HashMap<>()).merge(sequence, count, Math::max);
        }
    }

    @Override
    public void subscriptionCreated(SubscriptionCreated s) {
        forget(s.queueKey());
        subscriptions.put(s.queueKey(), s);
    }

    @Override
    public void subscriptionRemoved(String queueKey) {
        subscriptions.remove(queueKey);
        forget(queueKey);
    }

    @Override
    public void messageMoved(long sequence) {
        relocate(sequence, documentIndex);
    }

    /** The message's body is now in that document (a {@link MessageMoved}); nothing if it is not pending. */
    void relocate(long sequence, long documentIndex) {
        messages.relocate(sequence, documentIndex);
    }

    /**
     * Whether the fixed-offset fields can be read as {@code MessageCodec.readHeader} would accept them: the
     * fixed part (version, body type, flags, priority, timestamp, expiration, delivery time) present, a
     * known version, priority 0-9.
     */
    private static boolean readable(byte[] head, int bodyLength) {
        if (head == null || bodyLength < FIXED_HEADER_BYTES || head[0] != MessageCodec.FORMAT_VERSION) {
            return false;
        }
        int priority = MessageCodec.priority(head);
        return priority >= 0 && priority <= 9;
    }

    private void remove(String queueKey, long sequence) {
        messages.removeQueue(sequence, queueKey);
        Map<Long, Integer> counts = deliveryCounts.get(queueKey);
        if (counts != null) {
            counts.remove(sequence);
        }
    }

    private void forget(String queueKey) {
        messages.forgetQueue(queueKey);
        deliveredMarks.remove(queueKey);
        deliveryCounts.remove(queueKey);
    }

    /**
     * Gives the visitor records that rebuild this state (subscriptions, marks, pending messages with
     * their delivery counts, the highest sequence), as if it had replayed the documents it stands for.
     */
    void restate(JournalVisitor visitor, long checkpointIndex) {
        for (SubscriptionCreated s : subscriptions.values()) {
            visitor.onRecord(checkpointIndex, s);
        }
        for (Map.Entry<String, Long> mark : deliveredMarks.entrySet()) {
            visitor.onRecord(checkpointIndex, new Delivered(mark.getKey(), mark.getValue()));
        }
        PendingTable.Cursor m = messages.cursor();
        while (m.next()) {
            long sequence = m.sequence();
            long document = m.documentIndex();
            visitor.onRecord(document, new MessageLocated(sequence, document, m.priority(), m.expiration(),
                    m.deliveryTime()));
            for (int i = 0, n = m.queueCount(); i < n; i++) {
                String key = m.queueKey(i);
                visitor.onRecord(document, new Enqueued(key, sequence));
                Map<Long, Integer> counts = deliveryCounts.get(key);
                Integer count = counts == null ? null : counts.get(sequence);
                if (count != null) {
                    visitor.onRecord(document, new DeliveryCounted(key, sequence, count));
                }
            }
        }
        visitor.onRecord(checkpointIndex, new SequenceReserved(highestSequence));
    }

    /** The lowest cycle holding a pending message's body, or {@code Integer.MAX_VALUE}. */
    int lowestLiveCycle(LongToIntFunction toCycle) {
        int lowest = Integer.MAX_VALUE;
        PendingTable.Cursor m = messages.cursor();
        while (m.next()) {
            lowest = Math.min(lowest, toCycle.applyAsInt(m.documentIndex()));
        }
        return lowest;
    }

    /** Bytes of pending message bodies per cycle. */
    TreeMap<Integer, Long> liveBytesPerCycle(LongToIntFunction toCycle) {
        TreeMap<Integer, Long> live = new TreeMap<>();
        PendingTable.Cursor m = messages.cursor();
        while (m.next()) {
            live.merge(toCycle.applyAsInt(m.documentIndex()), (long) m.bodySize(), Long::sum);
        }
        return live;
    }

    /** The sequences of pending messages whose bodies are in one of those cycles, with their document. */
    List<long[]> messagesIn(java.util.Set<Integer> cycles, LongToIntFunction toCycle) {
        List<long[]> found = new ArrayList<>();
        PendingTable.Cursor m = messages.cursor();
        while (m.next()) {
            if (cycles.contains(toCycle.applyAsInt(m.documentIndex()))) {
                found.add(new long[] {m.sequence(), m.documentIndex()});
            }
        }
        return found;
    }

    /**
     * The header fields of the messages stored by one document, in record order: a few arrays reused
     * for every document. Enqueued records mostly follow their message in order, so a lookup starts
     * after the last one found.
     */
    private static final class DocumentMessages {
        long[] sequences = new long[8];
        int[] priorities = new int[8];
        long[] expirations = new long[8];
        long[] deliveryTimes = new long[8];
        int[] sizes = new int[8];
        int count;
        private int lastFound = -1;

        void clear() {
            count = 0;
            lastFound = -1;
        }

        void add(long sequence, int priority, long expiration, long deliveryTime, int size) {
            if (count == sequences.length) {
                int length = count * 2;
                sequences = java.util.Arrays.copyOf(sequences, length);
                priorities = java.util.Arrays.copyOf(priorities, length);
                expirations = java.util.Arrays.copyOf(expirations, length);
                deliveryTimes = java.util.Arrays.copyOf(deliveryTimes, length);
                sizes = java.util.Arrays.copyOf(sizes, length);
            }
            int at = count++; // sequences are unique: the broker stores each message once
            sequences[at] = sequence;
            priorities[at] = priority;
            expirations[at] = expiration;
            deliveryTimes[at] = deliveryTime;
            sizes[at] = size;
        }

        /** The position of that sequence, or -1. */
        int find(long sequence) {
            for (int k = 1; k <= count; k++) {
                int i = (lastFound + k) % count;
                if (sequences[i] == sequence) {
                    lastFound = i;
                    return i;
                }
            }
            return -1;
        }
    }

    /** Forgets the byte counts of cycles below that one (they are deleted). */
    void forgetCyclesBelow(int cycle) {
        cycleBytes().headMap(cycle).clear();
    }

}
