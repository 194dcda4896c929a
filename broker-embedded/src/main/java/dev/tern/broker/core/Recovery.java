package dev.tern.broker.core;

import dev.tern.broker.store.Acknowledged;
import dev.tern.broker.store.Enqueued;
import dev.tern.broker.store.JournalRecord;
import dev.tern.broker.store.JournalVisitor;
import dev.tern.broker.store.MessageStored;
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
 * key, the messages still pending (enqueued and not acknowledged) in sequence order. Keeps only
 * index data, never message bodies.
 */
final class Recovery implements JournalVisitor {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final Map<Long, StoredMessage> stored = new HashMap<>();
    private final Map<String, SubscriptionCreated> subscriptions = new LinkedHashMap<>();
    private final Map<String, TreeMap<Long, StoredMessage>> contents = new LinkedHashMap<>();
    private long highestSequence;
    private long missing;

    @Override
    public void onRecord(long documentIndex, JournalRecord record) {
        if (record instanceof MessageStored m) {
            onStored(documentIndex, m);
        } else if (record instanceof Enqueued e) {
            StoredMessage message = stored.get(e.sequence());
            if (message == null) {
                missing++;
            } else {
                contents.computeIfAbsent(e.queueKey(), k -> new TreeMap<>()).put(e.sequence(), message);
            }
        } else if (record instanceof Acknowledged a) {
            TreeMap<Long, StoredMessage> queue = contents.get(a.queueKey());
            if (queue != null) {
                queue.remove(a.sequence());
            }
        } else if (record instanceof SubscriptionCreated s) {
            subscriptions.put(s.queueKey(), s);
            contents.put(s.queueKey(), new TreeMap<>());
        } else if (record instanceof SubscriptionRemoved r) {
            subscriptions.remove(r.queueKey());
            contents.remove(r.queueKey());
        }
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

    /** The pending messages per queue key, in sequence order. */
    Map<String, TreeMap<Long, StoredMessage>> contents() {
        return contents;
    }

    long highestSequence() {
        return highestSequence;
    }

    /** Enqueued records whose message was not found (should not happen: logged as dropped data). */
    long missing() {
        return missing;
    }
}
