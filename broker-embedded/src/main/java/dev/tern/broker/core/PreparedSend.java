package dev.tern.broker.core;

import dev.tern.transport.DestinationRef;

/**
 * A sent message checked and its header read once, waiting to be routed (at once, or at commit).
 *
 * @param sender the connection it was sent on (for noLocal)
 */
record PreparedSend(ServerConnection sender, byte[] bytes, DestinationRef destination, boolean persistent,
                    int priority, long expiration, long deliveryTime) {
}
