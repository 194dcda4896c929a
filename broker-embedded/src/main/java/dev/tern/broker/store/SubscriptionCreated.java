package dev.tern.broker.store;

import java.util.Objects;

/**
 * A durable (or shared) subscription was created; messages are then {@link Enqueued} on its key.
 *
 * @param queueKey         the broker's key of the subscription, never null
 * @param topic            the topic name, may be null
 * @param clientId         the connection's client identifier, may be null (shared subscriptions)
 * @param subscriptionName the subscription name, may be null
 * @param selector         the message selector, may be null
 * @param noLocal          whether messages published on the same connection are excluded
 * @param shared           whether the subscription is shared
 */
public record SubscriptionCreated(String queueKey, String topic, String clientId, String subscriptionName,
                                  String selector, boolean noLocal, boolean shared) implements JournalRecord {

    public SubscriptionCreated {
        Objects.requireNonNull(queueKey, "queueKey");
    }
}
