package dev.tern.transport;

/**
 * Names one delivery of one message to one consumer: what acknowledgements and releases refer to.
 *
 * @param consumerId the consumer the broker delivered to
 * @param sequence   the broker's sequence number of the message (unique per broker)
 */
public record DeliveryTag(long consumerId, long sequence) {
}
