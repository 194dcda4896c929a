package dev.tern.broker.store;

import java.util.Objects;

/**
 * A message of that queue or durable subscription is being delivered for the {@code count}-th time
 * (2 or more: first deliveries are covered by {@link Delivered}). Journalled before that delivery
 * leaves the broker, so that its delivery count keeps growing across a crash.
 *
 * @param queueKey the broker's key of the queue or durable subscription, never null
 * @param sequence the {@link MessageStored#sequence()} of the message
 * @param count    the delivery count of that delivery
 */
public record DeliveryCounted(String queueKey, long sequence, int count) implements JournalRecord {

    public DeliveryCounted {
        Objects.requireNonNull(queueKey, "queueKey");
    }
}
