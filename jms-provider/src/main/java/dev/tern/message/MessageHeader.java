package dev.tern.message;

import dev.tern.transport.DestinationRef;

/** PLACEHOLDER until branch {@code messages} lands: the header fields the broker needs. */
public record MessageHeader(String messageId, DestinationRef destination, boolean persistent, int priority,
                            long timestamp, long expiration, long deliveryTime) {
}
