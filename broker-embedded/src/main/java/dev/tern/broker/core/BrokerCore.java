package dev.tern.broker.core;

import dev.tern.broker.store.Journal;
import dev.tern.broker.store.SubscriptionCreated;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConnectionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's engine: destinations, subscriptions, the send path, the connections and the client
 * IDs they hold. {@code dev.tern.broker.TernBroker} is its public face; transports get connections
 * with {@link #connect}.
 */
public final class BrokerCore {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerCore.class);

    private final String name;
    private final String instanceId = Long.toString(System.currentTimeMillis(), 36);
    private final BrokerServices services;
    private final Destinations destinations;
    private final Subscriptions subscriptions;
    private final MessageRouter router;
    private final FlowControl flowControl;
    private final Map<String, ServerConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, ServerConnection> clientIds = new ConcurrentHashMap<>();
    private final AtomicLong connectionCount = new AtomicLong();
    private volatile boolean running = true;

    private BrokerCore(String name, Journal journal, int dispatchThreads, DestinationLimits limits) {
        this.name = name;
        this.services = new BrokerServices(name, new MessageStore(journal), dispatchThreads);
        this.flowControl = new FlowControl(services.dispatch(), services.scheduler());
        this.destinations = new Destinations(services, limits, flowControl::roomFreed);
        this.subscriptions = new Subscriptions(destinations, services);
        this.router = new MessageRouter(destinations, services.store());
    }

    /**
     * Starts a broker on the journal (null: memory only, nothing is stored), after rebuilding its
     * queues and durable subscriptions from it. The broker owns the journal from now on.
     */
    public static BrokerCore start(String name, Journal journal, int dispatchThreads) {
        return start(name, journal, dispatchThreads, DestinationLimits.defaults());
    }

    /** As {@link #start(String, Journal, int)}, with what each destination may hold in memory. */
    public static BrokerCore start(String name, Journal journal, int dispatchThreads, DestinationLimits limits) {
        BrokerCore core = new BrokerCore(name, journal, dispatchThreads, limits);
        core.recover();
        return core;
    }

    public String name() {
        return name;
    }

    public boolean isRunning() {
        return running;
    }

    /** Opens a connection; {@code listener} (may be null) is told if the broker stops under it. */
    public BrokerConnection connect(ConnectionListener listener) throws JMSException {
        if (!running) {
            throw new IllegalStateException("Broker " + name + " is stopped");
        }
        String id = name + "-" + instanceId + "-" + connectionCount.incrementAndGet();
        ServerConnection connection = new ServerConnection(this, id, listener);
        connections.put(id, connection);
        if (!running) { // stopped meanwhile
            connection.close();
            throw new IllegalStateException("Broker " + name + " is stopped");
        }
        return connection;
    }

    /** Closes every connection (their listeners are told), stops the threads, closes the journal. */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        JMSException cause = new JMSException("Broker " + name + " stopped", "TERN-BROKER-STOPPED");
        for (ServerConnection connection : new ArrayList<>(connections.values())) {
            connection.fail(cause);
        }
        try {
            services.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            services.store().close();
        } catch (Exception e) {
            LOG.warn("TERN-B050 closing the journal of broker {} failed", name, e);
        }
    }

    public void declareQueue(String name) {
        destinations.queue(name);
    }

    public void declareTopic(String name) {
        destinations.topic(name);
    }

    /** Number of open connections (for tests and monitoring). */
    public int connectionCount() {
        return connections.size();
    }

    Destinations destinations() {
        return destinations;
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    MessageRouter router() {
        return router;
    }

    FlowControl flowControl() {
        return flowControl;
    }

    void claimClientId(String clientId, ServerConnection connection) throws JMSException {
        ServerConnection holder = clientIds.putIfAbsent(clientId, connection);
        if (holder != null && holder != connection) {
            throw new InvalidClientIDException("Client ID " + clientId + " is already in use by another connection");
        }
    }

    void releaseClientId(String clientId, ServerConnection connection) {
        clientIds.remove(clientId, connection);
    }

    void removeConnection(ServerConnection connection) {
        connections.remove(connection.connectionId(), connection);
    }

    private void recover() {
        if (!services.store().durable()) {
            return;
        }
        Recovery recovery = new Recovery();
        services.store().replay(recovery);
        router.continueAfter(recovery.highestSequence());
        Map<String, MessageQueue> queues = new ConcurrentHashMap<>();
        for (SubscriptionCreated created : recovery.subscriptions().values()) {
            MessageQueue queue = subscriptions.recover(created);
            if (queue != null) {
                queues.put(created.queueKey(), queue);
            }
        }
        long messages = 0;
        for (Map.Entry<String, TreeMap<Long, StoredMessage>> content : recovery.contents().entrySet()) {
            MessageQueue queue = queueFor(content.getKey(), queues);
            if (queue == null) {
                LOG.warn("TERN-B041 dropping {} recovered messages of unknown queue key {}",
                        content.getValue().size(), content.getKey());
                continue;
            }
            queue.recoveredDeliveredMark(recovery.deliveredMark(content.getKey()));
            for (StoredMessage message : content.getValue().values()) {
                queue.enqueue(message, recovery.deliveryCount(content.getKey(), message.sequence()));
            }
            messages += content.getValue().size();
        }
        if (recovery.missing() > 0) {
            LOG.warn("TERN-B042 {} enqueued messages of broker {} were not found in the journal and are lost",
                    recovery.missing(), name);
        }
        LOG.info("Broker {} recovered {} pending messages in {} queues and {} durable subscriptions",
                name, messages, destinations.queues().size(), subscriptions.durableCount());
    }

    private MessageQueue queueFor(String key, Map<String, MessageQueue> subscriptionQueues) {
        if (key.startsWith(Destinations.QUEUE_KEY_PREFIX)) {
            return destinations.queue(key.substring(Destinations.QUEUE_KEY_PREFIX.length()));
        }
        return subscriptionQueues.get(key);
    }

    @Override
    public String toString() {
        return "broker " + name;
    }
}
