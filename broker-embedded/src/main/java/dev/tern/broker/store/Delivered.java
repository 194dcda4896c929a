package dev.tern.broker.store;

import java.util.Objects;

/**
 * Messages of that queue or durable subscription with a sequence up to {@code highestSequence} may
 * have been handed to a consumer. Journalled before such a delivery leaves the broker, so that after
 * a crash they come back flagged as redelivered (the flag may then also be set on a message that
 * never left: the specification allows that, never the opposite).
 *
 * @param queueKey        the broker's key of the queue or durable subscription, never null
 * @param highestSequence the highest {@link MessageStored#sequence()} delivered so far
 */
public record Delivered(String queueKey, long highestSequence) implements JournalRecord {

    public Delivered {
        Objects.requireNonNull(queueKey, "queueKey");
    }
}
