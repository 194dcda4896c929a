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
final class JournalState {

    private static final Logger LOG = LoggerFactory.getLogger(JournalState.class);
    /** The size of an encoded message's fixed part, which holds the fields read here. */
    private static final int FIXED_HEADER_BYTES = 28;

    /** A message stored by the document being applied, until an {@link Enqueued} makes it pending. */
    private record Stored(long documentIndex, int priority, long expiration, long deliveryTime, int size) {
    }

    final Map<String, SubscriptionCreated> subscriptions = new LinkedHashMap<>();
    final Map<String, Long> deliveredMarks = new HashMap<>();
    final Map<String, Map<Long, Integer>> deliveryCounts = new HashMap<>();
    /** The pending messages, in ascending sequence. */
    final PendingTable messages = new PendingTable();
    /** Journal bytes per cycle, as far as this state has seen them (for choosing what to copy forward). */
    final TreeMap<Integer, Long> cycleBytes = new TreeMap<>();
    long highestSequence;
    /** The index of the last document applied, or -1. */
    long position = -1;
    /** The index of the first document applied since this state was created or loaded, or -1. */
    long firstApplied = -1;

    // The messages stored by the document being applied (Enqueued refers to its own document only).
    private final Map<Long, Stored> documentMessages = new HashMap<>();

    /** Applies one document's records, as replay does. */
    void apply(long documentIndex, List<JournalRecord> records, int documentBytes, int cycle) {
        documentMessages.clear();
        for (JournalRecord record : records) {
            applyRecord(documentIndex, record);
        }
        documentMessages.clear();
        cycleBytes.merge(cycle, (long) documentBytes, Long::sum);
        position = documentIndex;
        if (firstApplied < 0) {
            firstApplied = documentIndex;
        }
    }

    private void applyRecord(long documentIndex, JournalRecord record) {
        if (record instanceof MessageStored m) {
            highestSequence = Math.max(highestSequence, m.sequence());
            byte[] body = m.message();
            if (readable(body)) {
                documentMessages.put(m.sequence(), new Stored(documentIndex, MessageCodec.priority(body),
                        MessageCodec.expiration(body), MessageCodec.deliveryTime(body), body.length));
            } else {
                LOG.debug("Journal document {} holds an unreadable message {}", RecordCodec.describe(documentIndex),
                        m.sequence());
            }
        } else if (record instanceof Enqueued e) {
            if (messages.contains(e.sequence())) {
                messages.addQueue(e.sequence(), e.queueKey());
            } else {
                Stored stored = documentMessages.get(e.sequence());
                if (stored == null) {
                    return; // the broker's recovery reports it as missing
                }
                messages.add(e.sequence(), stored.documentIndex(), stored.priority(), stored.expiration(),
                        stored.deliveryTime(), stored.size(), e.queueKey());
            }
        } else if (record instanceof Acknowledged a) {
            remove(a.queueKey(), a.sequence());
        } else if (record instanceof Delivered d) {
            deliveredMarks.merge(d.queueKey(), d.highestSequence(), Math::max);
        } else if (record instanceof DeliveryCounted c) {
            if (messages.holds(c.sequence(), c.queueKey())) {
                deliveryCounts.computeIfAbsent(c.queueKey(), k -> new HashMap<>()).merge(c.sequence(), c.count(),
                        Math::max);
            }
        } else if (record instanceof SubscriptionCreated s) {
            forget(s.queueKey());
            subscriptions.put(s.queueKey(), s);
        } else if (record instanceof SubscriptionRemoved r) {
            subscriptions.remove(r.queueKey());
            forget(r.queueKey());
        } else if (record instanceof MessageMoved m) {
            relocate(m.sequence(), documentIndex);
        } else {
            throw new IllegalStateException("Not a journal document record: " + record);
        }
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
    private static boolean readable(byte[] body) {
        if (body == null || body.length < FIXED_HEADER_BYTES || body[0] != MessageCodec.FORMAT_VERSION) {
            return false;
        }
        int priority = MessageCodec.priority(body);
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

    /** Forgets the byte counts of cycles below that one (they are deleted). */
    void forgetCyclesBelow(int cycle) {
        cycleBytes.headMap(cycle).clear();
    }

}
