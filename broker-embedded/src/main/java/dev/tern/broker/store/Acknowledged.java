package dev.tern.broker.store;

import java.util.Objects;

/**
 * The message with that sequence is removed for good from that queue or durable subscription.
 *
 * @param queueKey the broker's key of the queue or durable subscription, never null
 * @param sequence the {@link MessageStored#sequence()} of the message
 */
public record Acknowledged(String queueKey, long sequence) implements JournalRecord {

    public Acknowledged {
        Objects.requireNonNull(queueKey, "queueKey");
    }
}
