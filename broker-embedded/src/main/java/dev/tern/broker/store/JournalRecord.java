package dev.tern.broker.store;

/** PLACEHOLDER until branch {@code journal} lands: the records the broker appends. */
public sealed interface JournalRecord {

    record MessageStored(long sequence, byte[] message) implements JournalRecord {
    }

    record Enqueued(String queueKey, long sequence) implements JournalRecord {
    }

    record Acknowledged(String queueKey, long sequence) implements JournalRecord {
    }

    record SubscriptionCreated(String queueKey, String topic, String clientId, String subscriptionName,
                               String selector, boolean noLocal, boolean shared) implements JournalRecord {
    }

    record SubscriptionRemoved(String queueKey) implements JournalRecord {
    }
}
