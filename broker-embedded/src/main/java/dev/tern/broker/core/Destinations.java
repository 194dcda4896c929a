package dev.tern.broker.core;

import dev.tern.transport.DestinationRef;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's queues and topics, created on first use by name, and its temporary destinations,
 * which exist only between their creation and their deletion (or their connection's end).
 */
final class Destinations {

    /** Journal key prefix of a queue's records. */
    static final String QUEUE_KEY_PREFIX = "queue:";

    /** A temporary destination and the connection that owns it; exactly one of queue/topic is set. */
    private record Temporary(ServerConnection owner, MessageQueue queue, TopicDestination topic) {
    }

    private final BrokerServices services;
    private final DestinationLimits limits;
    private final Runnable roomFreed;
    private final Map<String, MessageQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, TopicDestination> topics = new ConcurrentHashMap<>();
    private final Map<DestinationRef, Temporary> temporaries = new ConcurrentHashMap<>();
    private final AtomicLong temporaryCount = new AtomicLong();

    /**
     * @param limits    what each destination may hold in memory
     * @param roomFreed told when a destination's usage drops below its limit
     */
    Destinations(BrokerServices services, DestinationLimits limits, Runnable roomFreed) {
        this.services = services;
        this.limits = limits;
        this.roomFreed = roomFreed;
    }

    MessageQueue queue(String name) {
        MessageQueue existing = queues.get(name); // every send: no capturing lambda unless it is new
        if (existing != null) {
            return existing;
        }
        return queues.computeIfAbsent(name, n -> new MessageQueue("queue " + n,
                services.store().durable() ? QUEUE_KEY_PREFIX + n : null, services, usageFor(n)));
    }

    /** A fresh usage counter with the limit of the queue or topic called {@code name}. */
    DestinationUsage usageFor(String name) {
        return new DestinationUsage(limits.limitFor(name).maxBytes(), roomFreed);
    }

    /** How often at most a full queue is searched for expired messages. */
    private static final long SWEEP_INTERVAL_MILLIS = 1000;

    /** Drops expired messages from the full queues a send to {@code ref} waits for (at most once a second each). */
    void sweepExpired(DestinationRef ref) {
        try {
            long now = System.currentTimeMillis();
            if (!ref.isTopic()) {
                sweep(queueForSend(ref), now);
                return;
            }
            for (Subscription subscription : topicForSend(ref).subscriptions()) {
                sweep(subscription.queue(), now);
            }
        } catch (JMSException e) {
            // deleted: nothing to sweep
        }
    }

    private static void sweep(MessageQueue queue, long now) {
        if (queue.usage().full() && queue.usage().sweepDue(now, SWEEP_INTERVAL_MILLIS)) {
            queue.dropExpiredPending();
        }
    }

    DestinationLimits.Limit limitOf(DestinationRef ref) {
        return limits.limitFor(ref.name());
    }

    /**
     * True while a send to {@code ref} must wait: the queue, or any subscription of the topic (a full
     * subscription holds up the whole topic, as a full address does in Artemis), holds its limit.
     */
    boolean isFull(DestinationRef ref) {
        try {
            if (!ref.isTopic()) {
                return queueForSend(ref).usage().full();
            }
            for (Subscription subscription : topicForSend(ref).subscriptions()) {
                if (subscription.queue().usage().full()) {
                    return true;
                }
            }
            return false;
        } catch (JMSException e) {
            return false; // deleted: the send is admitted and dropped (or refused) by the router
        }
    }

    TopicDestination topic(String name) {
        return topics.computeIfAbsent(name, TopicDestination::new);
    }

    Collection<MessageQueue> queues() {
        return queues.values();
    }

    /** Where a message sent to {@code ref} goes: {@code InvalidDestinationException} for a deleted temporary one. */
    MessageQueue queueForSend(DestinationRef ref) throws JMSException {
        return ref.isTemporary() ? temporary(ref).queue() : queue(ref.name());
    }

    TopicDestination topicForSend(DestinationRef ref) throws JMSException {
        return ref.isTemporary() ? temporary(ref).topic() : topic(ref.name());
    }

    /** Checks that a message may be sent to {@code ref}. */
    void checkSendable(DestinationRef ref) throws JMSException {
        if (ref.isTemporary()) {
            temporary(ref);
        }
    }

    /** The queue a consumer or browser of {@code connection} reads: temporary ones only for their owner. */
    MessageQueue queueForConsumer(DestinationRef ref, ServerConnection connection) throws JMSException {
        return ref.isTemporary() ? owned(ref, connection).queue() : queue(ref.name());
    }

    TopicDestination topicForConsumer(DestinationRef ref, ServerConnection connection) throws JMSException {
        return ref.isTemporary() ? owned(ref, connection).topic() : topic(ref.name());
    }

    DestinationRef createTemporary(ServerConnection owner, boolean topic) {
        String name = "temp-" + owner.connectionId() + "-" + temporaryCount.incrementAndGet();
        DestinationRef ref = new DestinationRef(topic ? DestinationRef.Kind.TEMPORARY_TOPIC
                : DestinationRef.Kind.TEMPORARY_QUEUE, name);
        Temporary temporary = topic
                ? new Temporary(owner, null, new TopicDestination(name))
                : new Temporary(owner, new MessageQueue("temporary queue " + name, null, services, usageFor(name)),
                        null);
        temporaries.put(ref, temporary);
        return ref;
    }

    /**
     * Deletes a temporary destination of {@code owner}: {@code IllegalStateException} while it has
     * consumers, unless {@code force} (the owner is closing, its consumers already are).
     */
    void deleteTemporary(DestinationRef ref, ServerConnection owner, boolean force) throws JMSException {
        Temporary temporary = owned(ref, owner);
        if (!force && consumerCount(temporary) > 0) {
            throw new IllegalStateException("Temporary destination " + ref.name() + " has active consumers");
        }
        temporaries.remove(ref);
        if (temporary.queue() != null) {
            temporary.queue().delete();
        } else {
            temporary.topic().subscriptions().forEach(s -> s.queue().delete());
        }
    }

    private static int consumerCount(Temporary temporary) {
        if (temporary.queue() != null) {
            return temporary.queue().consumerCount();
        }
        return temporary.topic().subscriptions().stream().mapToInt(s -> s.queue().consumerCount()).sum();
    }

    private Temporary temporary(DestinationRef ref) throws JMSException {
        Temporary temporary = temporaries.get(ref);
        if (temporary == null) {
            throw new InvalidDestinationException("Temporary destination " + ref.name() + " does not exist"
                    + " (deleted, or its connection closed)");
        }
        return temporary;
    }

    private Temporary owned(DestinationRef ref, ServerConnection connection) throws JMSException {
        Temporary temporary = temporary(ref);
        if (temporary.owner() != connection) {
            throw new InvalidDestinationException("Temporary destination " + ref.name()
                    + " belongs to another connection");
        }
        return temporary;
    }
}
