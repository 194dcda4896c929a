package dev.tern.broker.core;

import dev.tern.broker.store.JournalRecord;
import dev.tern.broker.store.SubscriptionCreated;
import dev.tern.broker.store.SubscriptionRemoved;
import dev.tern.selector.Selector;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.DeliveryListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Creates, attaches to and removes topic subscriptions, following the specification's rules for
 * durable and shared ones. Guarded by its own monitor: these are rare operations, never on the send
 * path (senders read each topic's copy-on-write subscription list).
 */
final class Subscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final Destinations destinations;
    private final BrokerServices services;
    private final Map<SubscriptionKey, Subscription> durable = new HashMap<>();
    private final Map<SubscriptionKey, Subscription> sharedNonDurable = new HashMap<>();

    Subscriptions(Destinations destinations, BrokerServices services) {
        this.destinations = destinations;
        this.services = services;
    }

    /**
     * Creates or finds the subscription {@code spec} asks for and attaches a new consumer to it;
     * {@code register} is called with the consumer before it can receive anything.
     */
    synchronized QueueConsumer openConsumer(ServerConnection connection, ConsumerSpec spec, Selector selector,
                                            DeliveryListener listener, TopicDestination topic,
                                            Consumer<QueueConsumer> register) throws JMSException {
        Subscription subscription;
        if (spec.durable()) {
            subscription = durableFor(connection, spec, selector, topic);
        } else if (spec.shared()) {
            subscription = sharedFor(connection, spec, selector, topic);
        } else {
            subscription = newSubscription(null, topic, spec, selector, false, connection.connectionId(), null);
        }
        QueueConsumer consumer = new QueueConsumer(connection, spec.consumerId(), null, listener, spec.prefetch(),
                subscription.queue(), subscription);
        register.accept(consumer);
        subscription.queue().addConsumer(consumer);
        return consumer;
    }

    /** Detaches a consumer; a non-durable subscription goes with its last consumer. */
    synchronized void closeConsumer(QueueConsumer consumer) {
        Subscription subscription = consumer.subscription;
        subscription.queue().removeConsumer(consumer);
        if (!subscription.durable() && subscription.queue().consumerCount() == 0) {
            if (subscription.shared()) {
                sharedNonDurable.remove(subscription.key(), subscription);
            }
            subscription.topic().remove(subscription);
            subscription.queue().delete();
        }
    }

    /** Deletes a durable subscription (see {@code BrokerConnection.unsubscribe}). */
    synchronized void unsubscribe(String clientId, String name) throws JMSException {
        SubscriptionKey key = new SubscriptionKey(clientId, name);
        Subscription subscription = durable.get(key);
        if (subscription == null) {
            throw new InvalidDestinationException("No durable subscription " + key);
        }
        if (subscription.queue().consumerCount() > 0) {
            throw new IllegalStateException("Durable subscription " + key + " has an active consumer");
        }
        if (subscription.queue().inFlightCount() > 0) {
            throw new IllegalStateException("Durable subscription " + key + " has unacknowledged messages");
        }
        List<JournalRecord> records = new ArrayList<>();
        remove(subscription, records);
        services.store().append(records);
    }

    /** Rebuilds a durable subscription from the journal; returns its queue, or null if it cannot be. */
    synchronized MessageQueue recover(SubscriptionCreated record) {
        Selector selector;
        try {
            selector = parse(record.selector());
        } catch (InvalidSelectorException e) {
            LOG.warn("TERN-B020 dropping durable subscription {}: its selector no longer parses", record.queueKey(), e);
            return null;
        }
        SubscriptionKey key = new SubscriptionKey(record.clientId(), record.subscriptionName());
        TopicDestination topic = destinations.topic(record.topic());
        MessageQueue queue = new MessageQueue("subscription " + key, record.queueKey(), services,
                destinations.usageFor(topic.name()));
        Subscription subscription = new Subscription(key, topic, Subscription.normalize(record.selector()),
                selector, record.noLocal(), true, record.shared(), null, queue);
        durable.put(key, subscription);
        topic.add(subscription);
        return queue;
    }

    synchronized int durableCount() {
        return durable.size();
    }

    private Subscription durableFor(ServerConnection connection, ConsumerSpec spec, Selector selector,
                                    TopicDestination topic) throws JMSException {
        if (spec.destination().isTemporary()) {
            throw new InvalidDestinationException("A durable subscription cannot be on a temporary topic");
        }
        String clientId = connection.clientId();
        if (!spec.shared() && clientId == null) {
            throw new IllegalStateException("An unshared durable subscription needs a client ID: "
                    + spec.subscriptionName());
        }
        SubscriptionKey key = new SubscriptionKey(clientId, spec.subscriptionName());
        List<JournalRecord> records = new ArrayList<>();
        Subscription existing = durable.get(key);
        if (existing != null) {
            boolean active = existing.queue().consumerCount() > 0;
            if (active && !(spec.shared() && existing.shared())) {
                throw new IllegalStateException("Durable subscription " + key + " already has an active consumer");
            }
            boolean same = existing.shared() == spec.shared()
                    && existing.sameDefinition(topic, spec.selector(), spec.noLocal());
            if (same) {
                return existing;
            }
            if (active) {
                throw new IllegalStateException("Shared durable subscription " + key
                        + " is in use with another topic or selector");
            }
            remove(existing, records);
        }
        Subscription created = newSubscription(key, topic, spec, selector, true, null, records);
        services.store().append(records);
        durable.put(key, created);
        return created;
    }

    private Subscription sharedFor(ServerConnection connection, ConsumerSpec spec, Selector selector,
                                   TopicDestination topic) throws JMSException {
        SubscriptionKey key = new SubscriptionKey(connection.clientId(), spec.subscriptionName());
        Subscription existing = sharedNonDurable.get(key);
        if (existing != null) {
            if (existing.topic() != topic
                    || !Objects.equals(existing.selectorText(), Subscription.normalize(spec.selector()))) {
                throw new IllegalStateException("Shared subscription " + key
                        + " is in use with another topic or selector");
            }
            return existing;
        }
        Subscription created = newSubscription(key, topic, spec, selector, false, null, null);
        sharedNonDurable.put(key, created);
        return created;
    }

    /** A new subscription on the topic; a journalled durable one adds its creation to {@code records}. */
    private Subscription newSubscription(SubscriptionKey key, TopicDestination topic, ConsumerSpec spec,
                                         Selector selector, boolean isDurable, String owner,
                                         List<JournalRecord> records) {
        String journalKey = isDurable && services.store().durable() ? key.journalKey() : null;
        String label = key != null ? "subscription " + key : "subscription " + spec.consumerId() + " of " + owner;
        MessageQueue queue = new MessageQueue(label + " on topic " + topic.name(), journalKey, services,
                destinations.usageFor(topic.name()));
        String selectorText = Subscription.normalize(spec.selector());
        Subscription subscription = new Subscription(key, topic, selectorText, selector,
                spec.noLocal() && !spec.shared(), isDurable, spec.shared(), owner, queue);
        if (journalKey != null) {
            records.add(new SubscriptionCreated(journalKey, topic.name(), key.clientId(), key.name(),
                    selectorText, subscription.noLocal(), spec.shared()));
        }
        topic.add(subscription);
        return subscription;
    }

    private void remove(Subscription subscription, List<JournalRecord> records) {
        durable.remove(subscription.key(), subscription);
        subscription.topic().remove(subscription);
        int dropped = subscription.queue().delete();
        if (subscription.queue().journalKey() != null) {
            records.add(new SubscriptionRemoved(subscription.queue().journalKey()));
        }
        LOG.info("Removed durable subscription {} of topic {} ({} pending messages dropped)",
                subscription.key(), subscription.topic().name(), dropped);
    }

    static Selector parse(String selector) throws InvalidSelectorException {
        Selector parsed = Selector.parse(selector);
        return parsed.matchesAll() ? null : parsed;
    }
}
