package dev.tern.broker.core;

import dev.tern.message.MessageHeader;
import dev.tern.transport.DestinationRef;

/**
 * A sent message checked and its header read once, waiting to be routed (at once, or at commit).
 *
 * @param sender the connection it was sent on (for noLocal)
 * @param header what {@code MessageCodec.readRoutingHeader} read of {@code bytes}
 */
record PreparedSend(ServerConnection sender, byte[] bytes, MessageHeader header) {

    DestinationRef destination() {
        return header.destination();
    }

    boolean persistent() {
        return header.persistent();
    }

    int priority() {
        return header.priority();
    }

    long expiration() {
        return header.expiration();
    }

    long deliveryTime() {
        return header.deliveryTime();
    }
}
