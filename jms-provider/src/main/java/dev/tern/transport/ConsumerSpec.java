package dev.tern.transport;

/**
 * What the client asks for when it creates a consumer (or a browser's snapshot source).
 *
 * @param consumerId       unique within the connection; chosen by the client
 * @param destination      the queue or topic consumed from
 * @param selector         message selector, or null for all messages; already validated by the client
 * @param noLocal          (topics) do not deliver messages sent on this same connection
 * @param subscriptionName (topics) name of a durable or shared subscription, or null for a private
 *                         non-durable one
 * @param durable          (topics) the subscription outlives the consumer
 * @param shared           (topics) several consumers may share the subscription
 * @param prefetch         initial credit: how many messages the broker may push before more credit is
 *                         granted with {@link BrokerConnection#addCredit}; at least 0 (0: nothing is
 *                         pushed until credit is granted, as for a consumer of a stopped connection)
 */
public record ConsumerSpec(long consumerId, DestinationRef destination, String selector, boolean noLocal,
                           String subscriptionName, boolean durable, boolean shared, int prefetch) {

    public ConsumerSpec {
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be at least 0: " + prefetch);
        }
    }

    public static ConsumerSpec simple(long consumerId, DestinationRef destination, String selector,
                                      boolean noLocal, int prefetch) {
        return new ConsumerSpec(consumerId, destination, selector, noLocal, null, false, false, prefetch);
    }
}
