package dev.tern.message;

import dev.tern.transport.DestinationRef;

/**
 * The header fields the broker needs to store and dispatch a message, read with
 * {@link MessageCodec#readHeader(byte[])} without decoding properties or body.
 *
 * @param messageId    {@code JMSMessageID}, may be null if the producer disabled message ids
 * @param destination  {@code JMSDestination}, null if the message was encoded without one
 * @param persistent   {@code JMSDeliveryMode == PERSISTENT}
 * @param priority     {@code JMSPriority}, 0 to 9
 * @param timestamp    {@code JMSTimestamp}, 0 if not set
 * @param expiration   {@code JMSExpiration} in epoch millis; 0 means never
 * @param deliveryTime {@code JMSDeliveryTime} in epoch millis; 0 means at once
 */
public record MessageHeader(String messageId, DestinationRef destination, boolean persistent, int priority,
                            long timestamp, long expiration, long deliveryTime) {
}
