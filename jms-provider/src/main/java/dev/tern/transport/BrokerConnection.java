package dev.tern.transport;

import jakarta.jms.JMSException;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The broker as one JMS connection sees it: every request the client objects make. The in-VM
 * transport implements it with direct calls into the broker, the TCP transport with frames.
 *
 * <p>Sessions, acknowledgement modes and message decoding live in the client. The broker keeps the
 * messages, the consumers' credit, what is in flight to each consumer, and the open transactions
 * (a transaction id is chosen by the client and unique within the connection; 0 means "none").
 *
 * <p>Errors are the JMS exceptions the specification names (e.g. {@code InvalidClientIDException},
 * {@code InvalidDestinationException}, {@code IllegalStateException}).
 */
public interface BrokerConnection extends AutoCloseable {

    /** An id unique among the broker's connections; the client uses it in message IDs. */
    String connectionId();

    /** Claims a client ID for this connection: {@code InvalidClientIDException} if another holds it. */
    void setClientId(String clientId) throws JMSException;

    /**
     * Starts a consumer; the broker then pushes up to {@code spec.prefetch()} deliveries to the
     * listener and one more per credit granted. For topics it creates or attaches to the subscription
     * as the specification says (a durable subscription whose topic, selector or noLocal changed is
     * replaced when it has no active consumer; an unshared durable subscription with an active
     * consumer, or a shared one used with another topic or selector, is an
     * {@code IllegalStateException}).
     */
    void createConsumer(ConsumerSpec spec, DeliveryListener listener) throws JMSException;

    /** Lets the broker push {@code credit} more messages to the consumer. */
    void addCredit(long consumerId, int credit) throws JMSException;

    /**
     * Stops pushing to the consumer. Messages already pushed stay in flight (they may still be
     * acknowledged or released by the session); the client releases the ones it never handed to the
     * application before calling this.
     */
    void closeConsumer(long consumerId) throws JMSException;

    /**
     * Stores a message ({@code dev.tern.message.MessageCodec} encoding). The future completes once
     * the broker has taken it: for a persistent message, once it is in the journal. Within a
     * transaction ({@code transactionId != 0}) the message is held until {@link #commit}.
     *
     * <p>Producer flow control (outside a transaction): while the destination holds its memory limit,
     * the broker either fails the future with {@code ResourceAllocationException} (policy FAIL) or
     * completes it only once consumers have made room (policy BLOCK); no thread of the caller's
     * connection is held meanwhile, so its other requests go on. A future still waiting fails with a
     * {@code JMSException} when the connection closes. A transport may complete a non-persistent
     * send's future before the broker's answer (TCP does, within its producer window); it then
     * reports a refusal through the next send to that destination.
     */
    CompletableFuture<Void> send(long transactionId, byte[] message);

    /**
     * Acknowledges deliveries: they are removed for good (at once, or at commit of the transaction).
     */
    void acknowledge(long transactionId, Collection<DeliveryTag> tags) throws JMSException;

    /**
     * Gives deliveries back to their queue or subscription, in their original order.
     *
     * @param delivered true if the application saw them (they come back with
     *                  {@code JMSRedelivered=true}); false for prefetched messages it never saw (their
     *                  delivery count is not raised)
     */
    void release(Collection<DeliveryTag> tags, boolean delivered) throws JMSException;

    /**
     * Session recovery ({@code recover}, {@code rollback}) in one step: gives back everything in flight
     * to the consumers (and to the consumers of the {@code delivered} tags): the {@code delivered} ones
     * flagged as redelivered, the others (prefetched, or still on their way) uncounted. Returns only
     * after every delivery pushed to those consumers before it has reached their listeners, so the
     * client then drops what it still buffers for them: the broker has them back already. The listed
     * consumers' credit is reset to 0, so nothing new reaches them until the client, having dropped
     * what it held, grants its window again with {@link #addCredit}: no redelivery can be mistaken for
     * a dropped one.
     */
    void recover(Collection<Long> consumerIds, Collection<DeliveryTag> delivered) throws JMSException;

    /** Applies a transaction's sends and acknowledgements atomically. */
    void commit(long transactionId) throws JMSException;

    /** Forgets a transaction's sends and acknowledgements (the client releases its deliveries). */
    void rollback(long transactionId) throws JMSException;

    /** A snapshot of the messages waiting on a queue, in delivery order, that match the selector. */
    List<byte[]> browse(DestinationRef queue, String selector) throws JMSException;

    /** Creates a temporary destination owned by this connection; returns its unique reference. */
    DestinationRef createTemporaryDestination(boolean topic) throws JMSException;

    /** Deletes a temporary destination: {@code IllegalStateException} while it has consumers. */
    void deleteTemporaryDestination(DestinationRef destination) throws JMSException;

    /**
     * Deletes a durable subscription of this connection's client ID (or a shared one without client
     * ID): {@code InvalidDestinationException} if there is none, {@code IllegalStateException} while it
     * has an active consumer.
     */
    void unsubscribe(String subscriptionName) throws JMSException;

    /**
     * Ends the link: the broker closes the connection's consumers, redelivers what is in flight to
     * them (flagged as redelivered), rolls back open transactions, deletes its temporary
     * destinations and frees its client ID.
     */
    @Override
    void close();
}
