package dev.tern.broker.store;

import java.util.Objects;

/**
 * The subscription with that key was removed, together with whatever was pending on it.
 *
 * @param queueKey the broker's key of the subscription, never null
 */
public record SubscriptionRemoved(String queueKey) implements JournalRecord {

    public SubscriptionRemoved {
        Objects.requireNonNull(queueKey, "queueKey");
    }
}
