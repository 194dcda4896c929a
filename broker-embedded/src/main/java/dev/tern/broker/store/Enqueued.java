package dev.tern.broker.store;

import java.util.Objects;

/**
 * The message with that sequence is pending on a queue or durable subscription.
 *
 * @param queueKey the broker's key of the queue or durable subscription, never null
 * @param sequence the {@link MessageStored#sequence()} of the message
 */
public record Enqueued(String queueKey, long sequence) implements JournalRecord {

    public Enqueued {
        Objects.requireNonNull(queueKey, "queueKey");
    }
}
