package dev.tern.broker.core;

import dev.tern.selector.Selector;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConnectionListener;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.DeliveryListener;
import dev.tern.transport.DeliveryTag;
import dev.tern.transport.DestinationRef;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker side of one client connection: what the in-VM transport hands to the client, and what a
 * network transport will call for each request frame. Thread-safe: the client's sessions call it from
 * their own threads.
 */
final class ServerConnection implements BrokerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    private final BrokerCore broker;
    private final String id;
    private final ConnectionListener listener;
    private final Map<Long, QueueConsumer> consumers = new ConcurrentHashMap<>();
    private final Map<Long, ServerTransaction> transactions = new ConcurrentHashMap<>();
    private final Set<DestinationRef> temporaries = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private volatile String clientId;
    private volatile boolean closed;

    ServerConnection(BrokerCore broker, String id, ConnectionListener listener) {
        this.broker = broker;
        this.id = id;
        this.listener = listener;
    }

    @Override
    public String connectionId() {
        return id;
    }

    /** The client ID, or null while none is set. */
    String clientId() {
        return clientId;
    }

    @Override
    public void setClientId(String newClientId) throws JMSException {
        checkOpen();
        if (newClientId == null || newClientId.isBlank()) {
            throw new InvalidClientIDException("A client ID cannot be empty");
        }
        synchronized (lifecycle) {
            if (clientId != null) {
                throw new IllegalStateException("The client ID is already set: " + clientId);
            }
            broker.claimClientId(newClientId, this);
            clientId = newClientId;
        }
    }

    @Override
    public void createConsumer(ConsumerSpec spec, DeliveryListener deliveryListener) throws JMSException {
        checkOpen();
        Objects.requireNonNull(deliveryListener, "listener");
        if (consumers.containsKey(spec.consumerId())) {
            throw new IllegalStateException("Consumer id " + spec.consumerId() + " is already in use");
        }
        Selector selector = Subscriptions.parse(spec.selector());
        DestinationRef destination = spec.destination();
        if (destination.isTopic()) {
            TopicDestination topic = broker.destinations().topicForConsumer(destination, this);
            broker.subscriptions().openConsumer(this, spec, selector, deliveryListener, topic, this::register);
        } else {
            MessageQueue queue = broker.destinations().queueForConsumer(destination, this);
            QueueConsumer consumer = new QueueConsumer(this, spec.consumerId(), selector, deliveryListener,
                    spec.prefetch(), queue, null);
            register(consumer);
            queue.addConsumer(consumer);
        }
        QueueConsumer created = consumers.get(spec.consumerId());
        if (closed && created != null) { // the connection closed while the consumer was being created
            closeConsumer(created);
            created.queue.releaseAll(created);
        }
    }

    private void register(QueueConsumer consumer) {
        consumers.put(consumer.consumerId, consumer);
    }

    @Override
    public void addCredit(long consumerId, int credit) throws JMSException {
        checkOpen();
        QueueConsumer consumer = consumers.get(consumerId);
        if (consumer != null && credit > 0) {
            consumer.queue.addCredit(consumer, credit);
        }
    }

    @Override
    public void closeConsumer(long consumerId) throws JMSException {
        checkOpen();
        QueueConsumer consumer = consumers.get(consumerId);
        if (consumer != null) {
            closeConsumer(consumer);
            forgetIfDone(List.of(consumer));
        }
    }

    private void closeConsumer(QueueConsumer consumer) {
        if (consumer.subscription != null) {
            broker.subscriptions().closeConsumer(consumer);
        } else {
            consumer.queue.removeConsumer(consumer);
        }
    }

    @Override
    public CompletableFuture<Void> send(long transactionId, byte[] message) {
        try {
            checkOpen();
            PreparedSend send = broker.router().prepare(this, message);
            if (transactionId != 0) {
                transaction(transactionId).send(send); // admitted at commit, whatever the limits
                return CompletableFuture.completedFuture(null);
            }
            DestinationRef destination = send.destination();
            return broker.flowControl().submit(this, destination, broker.destinations().limitOf(destination),
                    () -> broker.destinations().isFull(destination),
                    () -> broker.destinations().sweepExpired(destination),
                    () -> broker.router().send(send));
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(MessageStore.jmsException("TERN-B030 send failed: " + e, e));
        }
    }

    @Override
    public void acknowledge(long transactionId, Collection<DeliveryTag> tags) throws JMSException {
        checkOpen();
        if (transactionId != 0) {
            transaction(transactionId).acknowledge(tags);
            return;
        }
        Map<QueueConsumer, List<Long>> acks = byConsumer(tags);
        broker.router().acknowledge(acks);
        forgetIfDone(acks.keySet());
    }

    @Override
    public void release(Collection<DeliveryTag> tags, boolean delivered) throws JMSException {
        checkOpen();
        Map<QueueConsumer, List<Long>> releases = byConsumer(tags);
        for (Map.Entry<QueueConsumer, List<Long>> release : releases.entrySet()) {
            release.getKey().queue.release(release.getKey(), release.getValue(), delivered);
        }
        forgetIfDone(releases.keySet());
    }

    @Override
    public void recover(Collection<Long> consumerIds, Collection<DeliveryTag> delivered) throws JMSException {
        checkOpen();
        Map<QueueConsumer, List<Long>> seen = byConsumer(delivered);
        Set<QueueConsumer> touched = new LinkedHashSet<>(seen.keySet());
        for (Long consumerId : consumerIds) {
            QueueConsumer consumer = consumers.get(consumerId);
            if (consumer != null) {
                touched.add(consumer);
            }
        }
        for (QueueConsumer consumer : touched) {
            consumer.queue.recover(consumer, new HashSet<>(seen.getOrDefault(consumer, List.of())));
        }
        forgetIfDone(touched);
    }

    @Override
    public void commit(long transactionId) throws JMSException {
        checkOpen();
        ServerTransaction transaction = transactions.remove(transactionId);
        if (transaction == null) {
            return; // nothing was sent or acknowledged in it
        }
        Map<QueueConsumer, List<Long>> acks = byConsumer(transaction.acks());
        broker.router().commit(transaction.sends(), acks);
        forgetIfDone(acks.keySet());
    }

    @Override
    public void rollback(long transactionId) throws JMSException {
        checkOpen();
        transactions.remove(transactionId);
    }

    @Override
    public List<byte[]> browse(DestinationRef queue, String selector) throws JMSException {
        checkOpen();
        if (queue.isTopic()) {
            throw new InvalidDestinationException("Only queues can be browsed: " + queue);
        }
        Selector parsed = Subscriptions.parse(selector);
        return broker.destinations().queueForConsumer(queue, this).browse(parsed);
    }

    @Override
    public DestinationRef createTemporaryDestination(boolean topic) throws JMSException {
        checkOpen();
        DestinationRef ref = broker.destinations().createTemporary(this, topic);
        temporaries.add(ref);
        return ref;
    }

    @Override
    public void deleteTemporaryDestination(DestinationRef destination) throws JMSException {
        checkOpen();
        if (!destination.isTemporary()) {
            throw new InvalidDestinationException("Not a temporary destination: " + destination);
        }
        broker.destinations().deleteTemporary(destination, this, false);
        temporaries.remove(destination);
    }

    @Override
    public void unsubscribe(String subscriptionName) throws JMSException {
        checkOpen();
        broker.subscriptions().unsubscribe(clientId, subscriptionName);
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        broker.flowControl().cancel(this, "Connection " + id + " closed while a send waited for room on its"
                + " destination (the message was not sent)");
        for (QueueConsumer consumer : consumers.values()) {
            closeConsumer(consumer);
        }
        for (QueueConsumer consumer : consumers.values()) {
            consumer.queue.releaseAll(consumer);
        }
        consumers.clear();
        transactions.clear();
        for (DestinationRef temporary : temporaries) {
            try {
                broker.destinations().deleteTemporary(temporary, this, true);
            } catch (JMSException e) {
                LOG.debug("Temporary destination {} already gone", temporary);
            }
        }
        temporaries.clear();
        if (clientId != null) {
            broker.releaseClientId(clientId, this);
        }
        broker.removeConnection(this);
    }

    /** Closes the connection because the broker goes away, and tells the client. */
    void fail(JMSException cause) {
        close();
        if (listener != null) {
            try {
                listener.onFailure(cause);
            } catch (RuntimeException e) {
                LOG.warn("TERN-B031 connection listener of {} failed", id, e);
            }
        }
    }

    private ServerTransaction transaction(long transactionId) {
        return transactions.computeIfAbsent(transactionId, t -> new ServerTransaction());
    }

    /** Groups tags by the consumer they were delivered to; tags of unknown consumers are ignored. */
    private Map<QueueConsumer, List<Long>> byConsumer(Collection<DeliveryTag> tags) {
        Map<QueueConsumer, List<Long>> grouped = new LinkedHashMap<>();
        for (DeliveryTag tag : tags) {
            QueueConsumer consumer = consumers.get(tag.consumerId());
            if (consumer == null) {
                LOG.debug("Connection {}: no consumer {} (closed and settled)", id, tag.consumerId());
                continue;
            }
            grouped.computeIfAbsent(consumer, c -> new ArrayList<>()).add(tag.sequence());
        }
        return grouped;
    }

    /** Forgets closed consumers with nothing left in flight. */
    private void forgetIfDone(Collection<QueueConsumer> touched) {
        for (QueueConsumer consumer : touched) {
            if (!consumer.queue.isActiveOrInFlight(consumer)) {
                consumers.remove(consumer.consumerId, consumer);
            }
        }
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("Connection " + id + " is closed");
        }
    }

    @Override
    public String toString() {
        return "connection " + id + (clientId != null ? " (" + clientId + ")" : "");
    }
}
