package dev.tern.transport;

/**
 * A message the broker pushes to a consumer.
 *
 * @param consumerId    the receiving consumer
 * @param sequence      the broker's sequence number of the message, used to acknowledge or release it
 * @param deliveryCount how many times this message has been dispatched, this time included (1 = first);
 *                      the client reports it as {@code JMSXDeliveryCount} and sets {@code JMSRedelivered}
 *                      when it is above 1
 * @param message       the message as {@code dev.tern.message.MessageCodec} encoded it; never modified
 */
public record Delivery(long consumerId, long sequence, int deliveryCount, byte[] message) {

    public DeliveryTag tag() {
        return new DeliveryTag(consumerId, sequence);
    }
}
