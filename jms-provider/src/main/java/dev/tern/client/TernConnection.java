package dev.tern.client;

import dev.tern.message.TernMessage;

import dev.tern.transport.BrokerConnection;
import dev.tern.transport.DestinationRef;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JMS connection: one link to the broker ({@link BrokerConnection}), the sessions made on it, its
 * client ID and its started/stopped state. Delivery threads belong to the sessions.
 */
public final class TernConnection implements QueueConnection, TopicConnection, TemporaryDestinationOwner {

    private static final Logger LOG = LoggerFactory.getLogger(TernConnection.class);

    /** Open connections of this JVM: for diagnostics and for the tests' leak check. */
    private static final Set<TernConnection> OPEN = ConcurrentHashMap.newKeySet();

    private final BrokerConnection broker;
    private final ClientOptions options;
    private final String user;
    private final List<TernSession> sessions = new CopyOnWriteArrayList<>();
    private final Set<DestinationRef> temporaryDestinations = ConcurrentHashMap.newKeySet();
    private final List<TernConnectionConsumer> connectionConsumers = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong messageIds = new AtomicLong();
    private final String messageIdPrefix;
    private final Object stateLock = new Object();

    private volatile boolean started;
    private volatile boolean closed;
    private volatile boolean closing;
    private volatile ExceptionListener exceptionListener;
    private String clientId;
    private boolean clientIdFixed;

    private TernConnection(BrokerConnection broker, ClientOptions options, String user) {
        this.broker = broker;
        this.options = options;
        this.user = user;
        this.messageIdPrefix = "ID:" + broker.connectionId() + "-";
    }

    /**
     * Opens a link for {@code user}: the transport gets the URL's options with {@code user} and
     * {@code password} replaced by the connection's credentials (absent when null), for the broker
     * to authenticate.
     */
    static TernConnection open(ClientOptions options, String user, String password) throws JMSException {
        ConnectionFailureRelay relay = new ConnectionFailureRelay();
        Map<String, String> linkOptions = new LinkedHashMap<>(options.all());
        linkOptions.remove(ClientOptions.USER);
        linkOptions.remove(ClientOptions.PASSWORD);
        if (user != null) {
            linkOptions.put(ClientOptions.USER, user);
        }
        if (password != null) {
            linkOptions.put(ClientOptions.PASSWORD, password);
        }
        BrokerConnection link = TransportRegistry.forScheme(options.scheme())
                .connect(options.uri(), Collections.unmodifiableMap(linkOptions), relay);
        TernConnection connection = new TernConnection(link, options, user);
        relay.connection = connection;
        try {
            String configuredId = options.clientId();
            if (configuredId != null) {
                connection.claimClientId(configuredId);
            }
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
        OPEN.add(connection);
        return connection;
    }

    /** How many Tern connections are open in this JVM (for leak checks). */
    public static int openConnectionCount() {
        return OPEN.size();
    }

    /** Descriptions of the open connections (for leak reports). */
    public static List<String> openConnections() {
        return OPEN.stream().map(TernConnection::toString).toList();
    }

    BrokerConnection broker() {
        return broker;
    }

    int prefetch() throws JMSException {
        return options.prefetch();
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    String nextMessageId() {
        return messageIdPrefix + messageIds.incrementAndGet();
    }

    /** Gives the message the next message id without building its string (see {@link TernMessage#setGeneratedMessageId}). */
    void assignMessageId(TernMessage message) {
        message.setGeneratedMessageId(messageIdPrefix, messageIds.incrementAndGet());
    }

    boolean isStarted() {
        return started && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    String user() {
        return user;
    }

    void checkOpen() throws IllegalStateException {
        if (closed || closing) {
            throw new IllegalStateException("Connection is closed");
        }
    }

    /** Anything but setClientID done on the connection fixes its client ID (spec 6.1.2). */
    void markUsed() {
        synchronized (stateLock) {
            clientIdFixed = true;
        }
    }

    // ---- sessions

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, TernSession.Domain.ANY);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode, TernSession.Domain.ANY);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE, TernSession.Domain.ANY);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, TernSession.Domain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, TernSession.Domain.TOPIC);
    }

    private TernSession createSession(int mode, TernSession.Domain domain) throws JMSException {
        checkOpen();
        markUsed();
        if (mode < Session.SESSION_TRANSACTED || mode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("Invalid session mode: " + mode);
        }
        TernSession session = new TernSession(this, mode, domain);
        sessions.add(session);
        return session;
    }

    void sessionClosed(TernSession session) {
        sessions.remove(session);
    }

    // ---- client ID

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        synchronized (stateLock) {
            return clientId;
        }
    }

    @Override
    public void setClientID(String id) throws JMSException {
        checkOpen();
        synchronized (stateLock) {
            if (clientIdFixed || clientId != null) {
                throw new IllegalStateException(clientId != null
                        ? "Client ID is already set to '" + clientId + "'"
                        : "Client ID must be set before the connection is used");
            }
        }
        claimClientId(id);
    }

    private void claimClientId(String id) throws JMSException {
        if (id == null || id.isEmpty()) {
            throw new InvalidClientIDException("Client ID must not be null or empty");
        }
        broker.setClientId(id);
        synchronized (stateLock) {
            clientId = id;
            clientIdFixed = true;
        }
    }

    // ---- state

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        markUsed();
        return TernConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        markUsed();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        markUsed();
        this.exceptionListener = listener;
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
        markUsed();
        started = true;
        for (TernSession session : sessions) {
            session.connectionStarted();
        }
        for (TernConnectionConsumer cc : connectionConsumers) {
            cc.connectionStarted();
        }
    }

    /**
     * Stops delivery; returns once no message listener of this connection is running. A listener
     * of this connection calling it would wait for itself: {@code IllegalStateException}.
     */
    @Override
    public void stop() throws JMSException {
        checkOpen();
        markUsed();
        checkNotOnOwnListenerThread("stop", false);
        started = false;
        for (TernSession session : sessions) {
            session.awaitListenerIdle();
            session.flushAcknowledgements(); // what listeners acknowledged reaches the broker before stop returns
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        checkNotOnOwnListenerThread("close", true);
        synchronized (stateLock) {
            if (closing) {
                return;
            }
            closing = true;
        }
        started = false;
        JMSException first = null;
        for (TernConnectionConsumer cc : connectionConsumers) {
            try {
                cc.close();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        for (TernSession session : sessions) {
            try {
                session.close();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        try {
            broker.close();
        } finally {
            closed = true;
            OPEN.remove(this);
        }
        if (first != null) {
            LOG.debug("Error while closing {}", this, first);
        }
    }

    /**
     * A MessageListener must not stop or close its own connection; a CompletionListener must not close
     * it (JMS 2.0 section 7.3.8) but may stop it: stop only waits for message listeners, not for it.
     */
    private void checkNotOnOwnListenerThread(String operation, boolean forbiddenToCompletionListener)
            throws IllegalStateException {
        for (TernSession session : sessions) {
            if (session.isListenerThread()) {
                throw new IllegalStateException("A message listener must not call " + operation
                        + "() on its own connection");
            }
            if (forbiddenToCompletionListener && session.asyncSends().isCompletionThread()) {
                throw new IllegalStateException("A CompletionListener must not call " + operation
                        + "() on its own connection");
            }
        }
    }

    /**
     * Called by the transport when the link fails: the connection is closed on the client side
     * (blocked receives return null, later calls throw IllegalStateException), then the application's
     * ExceptionListener is told.
     */
    void linkFailed(JMSException cause) {
        synchronized (stateLock) {
            if (closed || closing) {
                return;
            }
            closing = true;
        }
        started = false;
        for (TernConnectionConsumer cc : connectionConsumers) {
            cc.terminate();
        }
        for (TernSession session : sessions) {
            session.terminate();
        }
        closed = true;
        OPEN.remove(this);
        ExceptionListener listener = exceptionListener;
        if (listener != null) {
            try {
                listener.onException(cause);
            } catch (RuntimeException e) {
                LOG.warn("ExceptionListener of {} threw", this, e);
            }
        } else {
            LOG.warn("Connection {} failed: {}", this, cause.getMessage());
        }
    }

    /** An error the broker reported for a request nobody waited for: the ExceptionListener hears of it. */
    void asyncError(JMSException error) {
        ExceptionListener listener = exceptionListener;
        if (listener != null) {
            try {
                listener.onException(error);
            } catch (RuntimeException e) {
                LOG.warn("ExceptionListener of {} threw", this, e);
            }
        } else {
            LOG.warn("Connection {}: the broker reported {}", this, error.getMessage());
        }
    }

    // ---- temporary destinations

    DestinationRef createTemporaryDestination(boolean topic) throws JMSException {
        checkOpen();
        DestinationRef ref = broker.createTemporaryDestination(topic);
        temporaryDestinations.add(ref);
        return ref;
    }

    boolean ownsTemporary(DestinationRef ref) {
        return temporaryDestinations.contains(ref);
    }

    @Override
    public void deleteTemporaryDestination(DestinationRef ref) throws JMSException {
        checkOpen();
        broker.deleteTemporaryDestination(ref);
        temporaryDestinations.remove(ref);
    }

    // ---- application server facilities

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        return addConnectionConsumer(TernDestination.from(destination), messageSelector, null, false, false,
                sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        return createConnectionConsumer((Destination) queue, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        return createConnectionConsumer((Destination) topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        return addConnectionConsumer(TernDestination.from(topic), messageSelector, subscriptionName, false, true,
                sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector, ServerSessionPool sessionPool,
                                                              int maxMessages) throws JMSException {
        requireClientId("a durable connection consumer");
        return addConnectionConsumer(TernDestination.from(topic), messageSelector, subscriptionName, true, false,
                sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        return addConnectionConsumer(TernDestination.from(topic), messageSelector, subscriptionName, true, true,
                sessionPool, maxMessages);
    }

    private ConnectionConsumer addConnectionConsumer(TernDestination destination, String selector,
                                                     String subscriptionName, boolean durable, boolean shared,
                                                     ServerSessionPool pool, int maxMessages) throws JMSException {
        checkOpen();
        markUsed();
        if (pool == null) {
            throw new JMSException("ServerSessionPool must not be null");
        }
        TernConnectionConsumer consumer = new TernConnectionConsumer(this, destination, selector, subscriptionName,
                durable, shared, pool, maxMessages);
        connectionConsumers.add(consumer);
        consumer.open();
        return consumer;
    }

    void connectionConsumerClosed(TernConnectionConsumer consumer) {
        connectionConsumers.remove(consumer);
    }

    void requireClientId(String what) throws JMSException {
        synchronized (stateLock) {
            if (clientId == null) {
                throw new IllegalStateException("The connection needs a client ID for " + what);
            }
        }
    }

    @Override
    public String toString() {
        return "TernConnection[" + options.url() + ", id=" + broker.connectionId()
                + (clientId != null ? ", clientID=" + clientId : "") + "]";
    }

    /** Breaks the cycle between opening the link and creating the connection that listens to it. */
    private static final class ConnectionFailureRelay implements dev.tern.transport.ConnectionListener {
        private volatile TernConnection connection;

        @Override
        public void onFailure(JMSException cause) {
            TernConnection c = connection;
            if (c != null) {
                c.linkFailed(cause);
            }
        }

        @Override
        public void onError(JMSException error) {
            TernConnection c = connection;
            if (c != null) {
                c.asyncError(error);
            }
        }
    }
}
