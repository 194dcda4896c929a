package dev.tern.broker.core;

import dev.tern.message.MessageCodec;
import dev.tern.transport.DestinationRef;

/**
 * A sent message checked and its destination read once, waiting to be routed (at once, or at
 * commit). The other fields the router needs sit at fixed offsets of the bytes and are read from
 * there: no header object per message.
 *
 * @param sender      the connection it was sent on (for noLocal)
 * @param bytes       the encoded message, checked by {@link MessageCodec#readDestination}
 * @param destination its {@code JMSDestination}
 */
record PreparedSend(ServerConnection sender, byte[] bytes, DestinationRef destination) {

    boolean persistent() {
        return MessageCodec.isPersistent(bytes);
    }

    int priority() {
        return MessageCodec.priority(bytes);
    }

    long expiration() {
        return MessageCodec.expiration(bytes);
    }

    long deliveryTime() {
        return MessageCodec.deliveryTime(bytes);
    }
}
