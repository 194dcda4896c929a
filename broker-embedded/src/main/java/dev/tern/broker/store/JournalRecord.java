package dev.tern.broker.store;

/**
 * One durable state change of the broker. A transaction's records are appended together as one
 * journal document, so after a crash either all of them are replayed or none.
 */
public sealed interface JournalRecord
        permits MessageStored, Enqueued, Acknowledged, SubscriptionCreated, SubscriptionRemoved, Delivered,
        DeliveryCounted, MessageMoved, MessageLocated, SequenceReserved {
}
