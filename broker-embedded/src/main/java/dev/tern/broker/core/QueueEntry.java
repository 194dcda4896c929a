package dev.tern.broker.core;

/**
 * A message taken out of a queue's {@link PendingIndex}: in flight to a consumer (or being dropped);
 * its mutable fields are guarded by that queue. Pending messages have no such object.
 */
final class QueueEntry {

    final StoredMessage message;
    int deliveryCount;
    /** In flight and given to its consumer's listener (not just picked by a dispatch pass). */
    boolean handed;

    QueueEntry(StoredMessage message) {
        this.message = message;
    }

    long sequence() {
        return message.sequence();
    }
}
