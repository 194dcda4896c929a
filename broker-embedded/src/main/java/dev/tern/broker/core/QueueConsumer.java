package dev.tern.broker.core;

import dev.tern.selector.Selector;
import dev.tern.transport.DeliveryListener;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One consumer attached to one {@link MessageQueue}. Its credit and in-flight deliveries are guarded
 * by that queue's monitor; they outlive {@link #active} until acknowledged or released.
 */
final class QueueConsumer {

    final ServerConnection connection;
    final long consumerId;
    /** Null when it takes every message (always null on a subscription: the subscription filters). */
    final Selector selector;
    final DeliveryListener listener;
    /** The topic subscription it consumes from, or null on a queue. */
    final Subscription subscription;
    final MessageQueue queue;

    int credit;
    boolean active = true;
    final Map<Long, QueueEntry> inFlight = new LinkedHashMap<>();

    QueueConsumer(ServerConnection connection, long consumerId, Selector selector, DeliveryListener listener,
                  int credit, MessageQueue queue, Subscription subscription) {
        this.connection = connection;
        this.consumerId = consumerId;
        this.selector = selector;
        this.listener = listener;
        this.credit = credit;
        this.queue = queue;
        this.subscription = subscription;
    }
}
