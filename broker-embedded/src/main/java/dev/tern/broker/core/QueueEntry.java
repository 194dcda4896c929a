package dev.tern.broker.core;

import java.util.Comparator;

/** A message's place in one queue or subscription; its mutable fields are guarded by that queue. */
final class QueueEntry {

    /** Higher priority first, then broker sequence: FIFO per producer within a priority. */
    static final Comparator<QueueEntry> DELIVERY_ORDER = Comparator
            .comparingInt((QueueEntry e) -> -e.message.priority())
            .thenComparingLong(e -> e.message.sequence());

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
