package dev.tern.broker.core;

import dev.tern.selector.Selector;

import java.util.Objects;

/**
 * One subscription of a topic: which published messages it takes (selector, noLocal) and the queue
 * that holds them until its consumers take them.
 *
 * @param key               durable or shared subscriptions only, else null
 * @param topic             the topic it belongs to
 * @param selectorText      as the consumer gave it (null = all)
 * @param selector          parsed, or null when it takes every message
 * @param ownerConnectionId for a non-durable unshared subscription: its connection (for noLocal)
 */
record Subscription(SubscriptionKey key, TopicDestination topic, String selectorText, Selector selector, boolean noLocal,
                    boolean durable, boolean shared, String ownerConnectionId, MessageQueue queue) {

    /**
     * Whether a message published by {@code sender} is added to this subscription (noLocal only;
     * the selector is checked by the router, which decodes a message once for all subscriptions).
     */
    boolean acceptsFrom(ServerConnection sender) {
        if (!noLocal) {
            return true;
        }
        if (durable) {
            // a durable subscription's "own connection" is whichever holds its client ID, even offline
            return key.clientId() == null || !key.clientId().equals(sender.clientId());
        }
        return !sender.connectionId().equals(ownerConnectionId);
    }

    boolean sameDefinition(TopicDestination otherTopic, String otherSelector, boolean otherNoLocal) {
        return topic == otherTopic && Objects.equals(normalize(selectorText), normalize(otherSelector))
                && noLocal == otherNoLocal;
    }

    static String normalize(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }
}
