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

    /** A pending message: where its body is, its header fields, the queue keys holding it. */
    static final class Message {
        long documentIndex;
        final byte priority;
        final long expiration;
        final long deliveryTime;
        final int size;
        /** A String for one queue (the usual case), else a String[]. */
        Object queues;

        Message(long documentIndex, int priority, long expiration, long deliveryTime, int size) {
            this.documentIndex = documentIndex;
            this.priority = (byte) priority;
            this.expiration = expiration;
            this.deliveryTime = deliveryTime;
            this.size = size;
        }

        String[] queueKeys() {
            return queues == null ? new String[0] : queues instanceof String s ? new String[] {s} : (String[]) queues;
        }

        boolean add(String key) {
            String[] keys = queueKeys();
            for (String k : keys) {
                if (k.equals(key)) {
                    return false;
                }
            }
            if (keys.length == 0) {
                queues = key;
            } else {
                String[] more = java.util.Arrays.copyOf(keys, keys.length + 1);
                more[keys.length] = key;
                queues = more;
            }
            return true;
        }

        /** Returns true if the key was held. */
        boolean remove(String key) {
            String[] keys = queueKeys();
            int at = -1;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    at = i;
                }
            }
            if (at < 0) {
                return false;
            }
            if (keys.length == 1) {
                queues = null;
            } else if (keys.length == 2) {
                queues = keys[1 - at];
            } else {
                String[] fewer = new String[keys.length - 1];
                for (int i = 0, j = 0; i < keys.length; i++) {
                    if (i != at) {
                        fewer[j++] = keys[i];
                    }
                }
                queues = fewer;
            }
            return true;
        }

        boolean pending() {
            return queues != null;
        }
    }

    final Map<String, SubscriptionCreated> subscriptions = new LinkedHashMap<>();
    final Map<String, Long> deliveredMarks = new HashMap<>();
    final Map<String, Map<Long, Integer>> deliveryCounts = new HashMap<>();
    final Map<Long, Message> messages = new HashMap<>();
    /** Journal bytes per cycle, as far as this state has seen them (for choosing what to copy forward). */
    final TreeMap<Integer, Long> cycleBytes = new TreeMap<>();
    long highestSequence;
    /** The index of the last document applied, or -1. */
    long position = -1;
    /** The index of the first document applied since this state was created or loaded, or -1. */
    long firstApplied = -1;

    // The messages stored by the document being applied (Enqueued refers to its own document only).
    private final Map<Long, Message> documentMessages = new HashMap<>();

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
            try {
                var header = MessageCodec.readHeader(m.message());
                documentMessages.put(m.sequence(), new Message(documentIndex, header.priority(), header.expiration(),
                        header.deliveryTime(), m.message().length));
            } catch (RuntimeException e) {
                LOG.debug("Journal document {} holds an unreadable message {}", RecordCodec.describe(documentIndex),
                        m.sequence());
            }
        } else if (record instanceof Enqueued e) {
            Message message = messages.get(e.sequence());
            if (message == null) {
                message = documentMessages.get(e.sequence());
                if (message == null) {
                    return; // the broker's recovery reports it as missing
                }
                messages.put(e.sequence(), message);
            }
            message.add(e.queueKey());
        } else if (record instanceof Acknowledged a) {
            remove(a.queueKey(), a.sequence());
        } else if (record instanceof Delivered d) {
            deliveredMarks.merge(d.queueKey(), d.highestSequence(), Math::max);
        } else if (record instanceof DeliveryCounted c) {
            Message message = messages.get(c.sequence());
            if (message != null && java.util.Arrays.asList(message.queueKeys()).contains(c.queueKey())) {
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
        Message message = messages.get(sequence);
        if (message != null) {
            message.documentIndex = documentIndex;
        }
    }

    private void remove(String queueKey, long sequence) {
        Message message = messages.get(sequence);
        if (message != null && message.remove(queueKey) && !message.pending()) {
            messages.remove(sequence);
        }
        Map<Long, Integer> counts = deliveryCounts.get(queueKey);
        if (counts != null) {
            counts.remove(sequence);
        }
    }

    private void forget(String queueKey) {
        messages.values().removeIf(m -> m.remove(queueKey) && !m.pending());
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
        for (Map.Entry<Long, Message> entry : messages.entrySet()) {
            long sequence = entry.getKey();
            Message m = entry.getValue();
            visitor.onRecord(m.documentIndex, new MessageLocated(sequence, m.documentIndex, m.priority, m.expiration,
                    m.deliveryTime));
            for (String key : m.queueKeys()) {
                visitor.onRecord(m.documentIndex, new Enqueued(key, sequence));
                Map<Long, Integer> counts = deliveryCounts.get(key);
                Integer count = counts == null ? null : counts.get(sequence);
                if (count != null) {
                    visitor.onRecord(m.documentIndex, new DeliveryCounted(key, sequence, count));
                }
            }
        }
        visitor.onRecord(checkpointIndex, new SequenceReserved(highestSequence));
    }

    /** The lowest cycle holding a pending message's body, or {@code Integer.MAX_VALUE}. */
    int lowestLiveCycle(LongToIntFunction toCycle) {
        int lowest = Integer.MAX_VALUE;
        for (Message m : messages.values()) {
            lowest = Math.min(lowest, toCycle.applyAsInt(m.documentIndex));
        }
        return lowest;
    }

    /** Bytes of pending message bodies per cycle. */
    TreeMap<Integer, Long> liveBytesPerCycle(LongToIntFunction toCycle) {
        TreeMap<Integer, Long> live = new TreeMap<>();
        for (Message m : messages.values()) {
            live.merge(toCycle.applyAsInt(m.documentIndex), (long) m.size, Long::sum);
        }
        return live;
    }

    /** The sequences of pending messages whose bodies are in one of those cycles, with their document. */
    List<long[]> messagesIn(java.util.Set<Integer> cycles, LongToIntFunction toCycle) {
        List<long[]> found = new ArrayList<>();
        for (Map.Entry<Long, Message> e : messages.entrySet()) {
            if (cycles.contains(toCycle.applyAsInt(e.getValue().documentIndex))) {
                found.add(new long[] {e.getKey(), e.getValue().documentIndex});
            }
        }
        return found;
    }

    /** Forgets the byte counts of cycles below that one (they are deleted). */
    void forgetCyclesBelow(int cycle) {
        cycleBytes.headMap(cycle).clear();
    }

}
