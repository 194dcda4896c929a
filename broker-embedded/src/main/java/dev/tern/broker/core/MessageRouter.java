package dev.tern.broker.core;

import dev.tern.broker.store.Enqueued;
import dev.tern.broker.store.JournalRecord;
import dev.tern.broker.store.MessageStored;
import dev.tern.message.MessageCodec;
import dev.tern.transport.DestinationRef;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The send and acknowledge paths: reads a message's header once, finds its target queues and
 * subscriptions, writes everything one request (or one transaction) changes in one journal append,
 * then makes the messages visible. Takes no broker-wide lock.
 */
final class MessageRouter {

    private static final Logger LOG = LoggerFactory.getLogger(MessageRouter.class);

    private final Destinations destinations;
    private final MessageStore store;
    private final AtomicLong sequence = new AtomicLong();

    MessageRouter(Destinations destinations, MessageStore store) {
        this.destinations = destinations;
        this.store = store;
    }

    /** Continues the sequence numbers after those found in the journal. */
    void continueAfter(long highestSequence) {
        sequence.accumulateAndGet(highestSequence, Math::max);
    }

    /** Reads the header and checks the destination: {@code InvalidDestinationException} for a deleted temporary one. */
    PreparedSend prepare(ServerConnection sender, byte[] bytes) throws JMSException {
        PreparedSend send;
        try {
            send = new PreparedSend(sender, bytes, MessageCodec.readDestination(bytes));
        } catch (RuntimeException e) {
            throw MessageStore.jmsException("Not a message Tern can read: " + e.getMessage(), e);
        }
        if (send.destination() == null) {
            throw new InvalidDestinationException("The message has no destination");
        }
        destinations.checkSendable(send.destination());
        return send;
    }

    /**
     * One send outside a transaction, the common case: as {@link #commit} with that one send and no
     * acknowledgements, without the collections a transaction needs.
     */
    void send(PreparedSend send) throws JMSException {
        if (expiredOnArrival(send, System.currentTimeMillis())) {
            return;
        }
        List<MessageQueue> targets = targets(send);
        if (targets.isEmpty()) {
            return;
        }
        long seq = sequence.incrementAndGet();
        boolean journalled;
        long documentIndex = StoredMessage.NOT_JOURNALLED;
        if (targets.size() == 1) { // a queue: no list to grow
            MessageQueue target = targets.get(0);
            journalled = send.persistent() && store.durable() && target.journalKey() != null;
            if (journalled) {
                documentIndex = store.append(List.of(new MessageStored(seq, send.bytes()),
                        new Enqueued(target.journalKey(), seq)));
            }
        } else {
            List<JournalRecord> records = new ArrayList<>(1 + targets.size());
            journalled = addRecords(send, seq, targets, records);
            if (journalled) {
                documentIndex = store.append(records);
            }
        }
        makeVisible(send, seq, targets, journalled, documentIndex);
    }

    /**
     * Applies sends and acknowledgements together: one journal append for all of them, then the
     * messages become visible to consumers.
     */
    void commit(List<PreparedSend> sends, Map<QueueConsumer, List<Long>> acks) throws JMSException {
        List<JournalRecord> records = new ArrayList<>();
        if (!acks.isEmpty()) {
            for (Map.Entry<QueueConsumer, List<Long>> ack : acks.entrySet()) {
                records.addAll(ack.getKey().queue.acknowledge(ack.getKey(), ack.getValue()));
            }
        }
        if (sends.isEmpty()) {
            store.append(records); // nothing to make visible
            return;
        }
        List<Routed> routed = new ArrayList<>(sends.size());
        long now = System.currentTimeMillis();
        for (int i = 0, n = sends.size(); i < n; i++) {
            PreparedSend send = sends.get(i);
            if (expiredOnArrival(send, now)) {
                continue;
            }
            Routed r = route(send, records);
            if (r != null) {
                routed.add(r);
            }
        }
        long documentIndex = store.append(records);
        for (int i = 0, n = routed.size(); i < n; i++) {
            Routed r = routed.get(i);
            makeVisible(r.send, r.sequence, r.targets, r.journalled, documentIndex);
        }
    }

    /** Expired before it arrived: never deliverable. */
    private static boolean expiredOnArrival(PreparedSend send, long now) {
        return send.expiration() != 0 && send.expiration() <= now;
    }

    /** A message with its sequence and targets, made visible once its journal document is written. */
    private record Routed(PreparedSend send, long sequence, List<MessageQueue> targets, boolean journalled) {
    }

    private static void makeVisible(PreparedSend send, long sequence, List<MessageQueue> targets, boolean journalled,
                                    long documentIndex) {
        StoredMessage message = new StoredMessage(sequence,
                journalled ? documentIndex : StoredMessage.NOT_JOURNALLED, journalled ? null : send.bytes(),
                send.priority(), send.expiration(), send.deliveryTime());
        for (int i = 0, n = targets.size(); i < n; i++) {
            targets.get(i).enqueue(message);
        }
    }

    private Routed route(PreparedSend send, List<JournalRecord> records) throws JMSException {
        List<MessageQueue> targets = targets(send);
        if (targets.isEmpty()) {
            return null;
        }
        long seq = sequence.incrementAndGet();
        return new Routed(send, seq, targets, addRecords(send, seq, targets, records));
    }

    /**
     * Adds what journals a persistent message: its body once, then one {@code Enqueued} per durable
     * target (the store relies on that order). Returns true if it is journalled.
     */
    private boolean addRecords(PreparedSend send, long seq, List<MessageQueue> targets, List<JournalRecord> records) {
        if (!send.persistent() || !store.durable()) {
            return false;
        }
        boolean journalled = false;
        for (int i = 0, n = targets.size(); i < n; i++) {
            MessageQueue target = targets.get(i);
            if (target.journalKey() != null) {
                if (!journalled) {
                    records.add(new MessageStored(seq, send.bytes()));
                    journalled = true;
                }
                records.add(new Enqueued(target.journalKey(), seq));
            }
        }
        return journalled;
    }

    private List<MessageQueue> targets(PreparedSend send) throws JMSException {
        try {
            if (!send.destination().isTopic()) {
                return destinations.queueForSend(send.destination()).asOnlyTarget();
            }
            return subscribers(destinations.topicForSend(send.destination()).subscriptions(), send);
        } catch (InvalidDestinationException e) {
            // checked at send; deleted since (only a transaction's sends get here): nobody can receive it
            LOG.debug("Dropping a message to {}: {}", send.destination(), e.getMessage());
            return List.of();
        }
    }

    /** The subscriptions taking a published message; decodes it once, only if a selector needs it. */
    private static List<MessageQueue> subscribers(Collection<Subscription> subscriptions, PreparedSend send)
            throws JMSException {
        List<MessageQueue> targets = new ArrayList<>(subscriptions.size());
        Message decoded = null;
        for (Subscription subscription : subscriptions) {
            if (!subscription.acceptsFrom(send.sender())) {
                continue;
            }
            if (subscription.selector() != null) {
                if (decoded == null) {
                    decoded = MessageCodec.decode(send.bytes());
                }
                if (!subscription.selector().matches(decoded)) {
                    continue;
                }
            }
            targets.add(subscription.queue());
        }
        return targets;
    }

    /** Removes acknowledged deliveries and journals their removal in one append. */
    void acknowledge(Map<QueueConsumer, List<Long>> acks) throws JMSException {
        commit(List.of(), acks);
    }

    /**
     * Same, but in {@code FSYNC} mode does not wait for the document to be forced (automatic
     * acknowledgements: losing one in a machine crash only means a flagged redelivery).
     */
    void acknowledgeWithoutSync(Map<QueueConsumer, List<Long>> acks) throws JMSException {
        List<JournalRecord> records = new ArrayList<>();
        for (Map.Entry<QueueConsumer, List<Long>> ack : acks.entrySet()) {
            records.addAll(ack.getKey().queue.acknowledge(ack.getKey(), ack.getValue()));
        }
        store.appendWithoutSync(records);
    }
}
