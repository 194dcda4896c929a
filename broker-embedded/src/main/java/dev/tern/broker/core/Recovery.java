package dev.tern.broker.core;

import dev.tern.broker.store.Acknowledged;
import dev.tern.broker.store.Delivered;
import dev.tern.broker.store.DeliveryCounted;
import dev.tern.broker.store.Enqueued;
import dev.tern.broker.store.JournalRecord;
import dev.tern.broker.store.JournalVisitor;
import dev.tern.broker.store.MessageLocated;
import dev.tern.broker.store.MessageStored;
import dev.tern.broker.store.SequenceReserved;
import dev.tern.broker.store.SubscriptionCreated;
import dev.tern.broker.store.SubscriptionRemoved;
import dev.tern.message.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays the journal into what the broker must rebuild: the durable subscriptions and, per queue
 * key, the messages still pending (enqueued and not acknowledged). Keeps only index data, never
 * message bodies, and that compactly ({@link PendingIndex}): recovery holds the backlog at the same
 * cost per message as the running broker.
 */
final class Recovery implements JournalVisitor {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /**
     * The messages of the current document only: the router writes a message's {@code Enqueued}
     * records in the same document as its body, so older bodies are reachable through
     * {@link #contents} alone, and recovery holds the backlog, not the history.
     */
    private final Map<Long, StoredMessage> stored = new HashMap<>();
    private long storedDocument = Long.MIN_VALUE;
    private final Map<String, SubscriptionCreated> subscriptions = new LinkedHashMap<>();
    private final Map<String, Content> contents = new LinkedHashMap<>();
    /** Messages whose delivery time had come when replay started go to the compact index at once. */
    private final long replayStarted = System.currentTimeMillis();
    private final Map<String, Long> deliveredMarks = new HashMap<>();
    private final Map<String, Map<Long, Integer>> deliveryCounts = new HashMap<>();
    private long highestSequence;
    private long missing;

    @Override
    public void onRecord(long documentIndex, JournalRecord record) {
        if (documentIndex != storedDocument) {
            stored.clear();
            storedDocument = documentIndex;
        }
        if (record instanceof MessageStored m) {
            onStored(documentIndex, m);
        } else if (record instanceof MessageLocated m) { // restated by a checkpoint: no body to decode
            highestSequence = Math.max(highestSequence, m.sequence());
            stored.put(m.sequence(), new StoredMessage(m.sequence(), m.documentIndex(), null, m.priority(),
                    m.expiration(), m.deliveryTime()));
        } else if (record instanceof SequenceReserved r) {
            highestSequence = Math.max(highestSequence, r.highestSequence());
        } else if (record instanceof Enqueued e) {
            StoredMessage message = stored.get(e.sequence());
            if (message == null) {
                missing++;
            } else {
                contents.computeIfAbsent(e.queueKey(), k -> new Content()).add(message, replayStarted);
            }
        } else if (record instanceof Acknowledged a) {
            Content queue = contents.get(a.queueKey());
            if (queue != null) {
                queue.remove(a.sequence());
            }
            Map<Long, Integer> counts = deliveryCounts.get(a.queueKey());
            if (counts != null) {
                counts.remove(a.sequence());
            }
        } else if (record instanceof Delivered d) {
            deliveredMarks.merge(d.queueKey(), d.highestSequence(), Math::max);
        } else if (record instanceof DeliveryCounted c) {
            deliveryCounts.computeIfAbsent(c.queueKey(), k -> new HashMap<>()).merge(c.sequence(), c.count(), Math::max);
        } else if (record instanceof SubscriptionCreated s) {
            subscriptions.put(s.queueKey(), s);
            forget(s.queueKey());
            contents.put(s.queueKey(), new Content());
        } else if (record instanceof SubscriptionRemoved r) {
            subscriptions.remove(r.queueKey());
            forget(r.queueKey());
        }
    }

    private void forget(String queueKey) {
        contents.remove(queueKey);
        deliveredMarks.remove(queueKey);
        deliveryCounts.remove(queueKey);
    }

    private void onStored(long documentIndex, MessageStored m) {
        highestSequence = Math.max(highestSequence, m.sequence());
        try {
            var header = MessageCodec.readHeader(m.message());
            stored.put(m.sequence(), new StoredMessage(m.sequence(), documentIndex, null, header.priority(),
                    header.expiration(), header.deliveryTime()));
        } catch (RuntimeException e) {
            LOG.warn("TERN-B040 journal document {} holds an unreadable message {}; it is dropped",
                    documentIndex, m.sequence(), e);
        }
    }

    /** The durable subscriptions still defined, by queue key, in creation order. */
    Map<String, SubscriptionCreated> subscriptions() {
        return subscriptions;
    }

    /** The pending messages per queue key. */
    Map<String, Content> contents() {
        return contents;
    }

    /** The journalled redelivery counts of the pending messages of that queue key (count >= 2, rare). */
    Map<Long, Integer> journalledCounts(String queueKey) {
        return deliveryCounts.getOrDefault(queueKey, Map.of());
    }

    /**
     * The pending messages of one queue key: those deliverable when replay started in a compact index,
     * the others (a delivery time still to come) as objects in sequence order.
     */
    static final class Content {

        final PendingIndex ready = new PendingIndex();
        final TreeMap<Long, StoredMessage> delayed = new TreeMap<>();

        void add(StoredMessage message, long now) {
            if (message.deliveryTime() <= now) {
                if (!ready.contains(message.sequence())) {
                    ready.add(message, 0);
                }
            } else {
                delayed.put(message.sequence(), message);
            }
        }

        void remove(long sequence) {
            if (!ready.remove(sequence)) {
                delayed.remove(sequence);
            }
        }

        int size() {
            return ready.size() + delayed.size();
        }
    }

    /** The highest sequence journalled as possibly delivered from that queue key, 0 if none. */
    long deliveredMark(String queueKey) {
        return deliveredMarks.getOrDefault(queueKey, 0L);
    }

    /**
     * How many times the message was (possibly) delivered from that queue key before the restart:
     * its last journalled redelivery count, else 1 if it is under the queue's delivered mark, else 0.
     */
    int deliveryCount(String queueKey, long sequence) {
        Map<Long, Integer> counts = deliveryCounts.get(queueKey);
        Integer counted = counts == null ? null : counts.get(sequence);
        if (counted != null) {
            return counted;
        }
        return sequence <= deliveredMark(queueKey) ? 1 : 0;
    }

    /** Message headers held for the document being replayed (for tests: bounded by one document). */
    int retainedMessages() {
        return stored.size();
    }

    long highestSequence() {
        return highestSequence;
    }

    /** Enqueued records whose message was not found (should not happen: logged as dropped data). */
    long missing() {
        return missing;
    }
}
