package dev.tern.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.io.Serializable;

import static dev.tern.client.JmsExceptions.call;
import static dev.tern.client.JmsExceptions.run;

/**
 * The simplified API's context: one classic {@link Session} on a {@link Connection} that may be shared
 * with other contexts made by {@link #createContext(int)} (the last one to close closes the connection).
 *
 * <p>The session is created on first need, not in the constructor, so that {@link #setClientID} can
 * still be the first action on the connection. All JMSProducers of a context share one anonymous
 * classic producer; their own settings are applied to it at each send.
 *
 * <p>Like a session, a context is for one thread at a time; only {@link #close()} may be called
 * from another thread.
 */
public final class TernJMSContext implements JMSContext {

    /** The context whose MessageListener runs on this thread, if any (set by our listener wrapper). */
    private static final ThreadLocal<TernJMSContext> MESSAGE_LISTENER_CONTEXT = new ThreadLocal<>();
    /** The context whose CompletionListener runs on this thread, if any. */
    private static final ThreadLocal<TernJMSContext> COMPLETION_LISTENER_CONTEXT = new ThreadLocal<>();

    private final SharedConnection shared;
    private final int sessionMode;
    /** Only the context that created the connection may set its client ID. */
    private final boolean createdConnection;

    private Session session;                 // guarded by this; created on first need
    private MessageProducer sharedProducer;  // guarded by this; anonymous, shared by all JMSProducers
    private volatile boolean closing;
    private volatile boolean closed;
    private volatile boolean autoStart = true;
    /** The last message this context's session handed out, so {@link #acknowledge()} can acknowledge through it. */
    private volatile Message lastConsumed;

    /** A context that owns {@code connection}: closing the last context sharing it closes it. */
    public TernJMSContext(Connection connection, int sessionMode) {
        this(new SharedConnection(connection), sessionMode, true);
    }

    private TernJMSContext(SharedConnection shared, int sessionMode, boolean createdConnection) {
        if (!isValidSessionMode(sessionMode)) {
            if (createdConnection) {
                shared.closeQuietly();
            }
            throw new JMSRuntimeException("invalid session mode " + sessionMode);
        }
        this.shared = shared;
        this.sessionMode = sessionMode;
        this.createdConnection = createdConnection;
    }

    static boolean isValidSessionMode(int mode) {
        return mode == SESSION_TRANSACTED || mode == AUTO_ACKNOWLEDGE
                || mode == CLIENT_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE;
    }

    // ---------------------------------------------------------------- the connection

    @Override
    public JMSContext createContext(int sessionMode) {
        checkOpen();
        if (!isValidSessionMode(sessionMode)) {
            throw new JMSRuntimeException("invalid session mode " + sessionMode);
        }
        shared.markUsed();
        shared.retain();
        return new TernJMSContext(shared, sessionMode, false);
    }

    @Override
    public String getClientID() {
        checkOpen();
        return call(shared.connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        if (!createdConnection) {
            throw new IllegalStateRuntimeException(
                    "the client ID cannot be set on a context made by createContext: its connection is shared");
        }
        if (!shared.claimClientIdSetting()) {
            throw new IllegalStateRuntimeException(
                    "the client ID must be set before any other action on the context");
        }
        run(() -> shared.connection.setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        shared.markUsed();
        return call(shared.connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        shared.markUsed();
        return call(shared.connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        shared.markUsed();
        run(() -> shared.connection.setExceptionListener(listener));
    }

    @Override
    public void start() {
        checkOpen();
        shared.markUsed();
        run(shared.connection::start);
    }

    @Override
    public void stop() {
        checkOpen();
        TernJMSContext listening = MESSAGE_LISTENER_CONTEXT.get();
        if (listening != null && listening.shared == shared) {
            // stop waits for running listeners: from one of them it would wait for itself.
            throw new IllegalStateRuntimeException("a MessageListener must not stop its own connection");
        }
        shared.markUsed();
        run(shared.connection::stop);
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        return autoStart;
    }

    // ---------------------------------------------------------------- the session

    @Override
    public int getSessionMode() {
        return sessionMode;
    }

    @Override
    public boolean getTransacted() {
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public void commit() {
        checkTransactionControl("commit");
        Session s = existingSession();
        if (s != null) {
            run(s::commit);
        }
    }

    @Override
    public void rollback() {
        checkTransactionControl("rollback");
        Session s = existingSession();
        if (s != null) {
            run(s::rollback);
        }
    }

    private void checkTransactionControl(String what) {
        checkOpen();
        if (COMPLETION_LISTENER_CONTEXT.get() == this) {
            throw new IllegalStateRuntimeException("a CompletionListener must not call " + what + " on its own context");
        }
        if (!getTransacted()) {
            throw new IllegalStateRuntimeException(what + " on a context that is not transacted");
        }
    }

    @Override
    public void recover() {
        checkOpen();
        if (getTransacted()) {
            throw new IllegalStateRuntimeException("recover on a transacted context");
        }
        Session s = existingSession();
        if (s != null) {
            run(s::recover);
        }
    }

    /**
     * Acknowledges every message this context's session has consumed, through the last one it handed
     * out ({@link Message#acknowledge()} acknowledges all of its session's consumed messages).
     */
    @Override
    public void acknowledge() {
        checkOpen();
        Message last = lastConsumed;
        if (sessionMode == CLIENT_ACKNOWLEDGE && last != null) {
            run(last::acknowledge);
        }
    }

    @Override
    public void close() {
        if (closing) {
            return; // closing a closed context is not an error
        }
        if (COMPLETION_LISTENER_CONTEXT.get() == this) {
            throw new IllegalStateRuntimeException("a CompletionListener must not close its own context");
        }
        if (MESSAGE_LISTENER_CONTEXT.get() == this) {
            throw new IllegalStateRuntimeException("a MessageListener must not close its own context");
        }
        Session s;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            s = session;
        }
        // Outside the lock: session close waits for running listeners, which may still use this context.
        JMSException failure = null;
        try {
            if (s != null) {
                s.close();
            }
        } catch (JMSException e) {
            failure = e;
        } finally {
            closed = true;
            lastConsumed = null;
        }
        if (shared.release()) {
            try {
                shared.connection.close();
            } catch (JMSException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw JmsExceptions.toRuntime(failure);
        }
    }

    // ---------------------------------------------------------------- messages

    @Override
    public BytesMessage createBytesMessage() {
        return call(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return call(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return call(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return call(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return call(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return call(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return call(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return call(() -> session().createTextMessage(text));
    }

    // ---------------------------------------------------------------- destinations

    @Override
    public Queue createQueue(String queueName) {
        return call(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return call(() -> session().createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return call(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return call(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        run(() -> session().unsubscribe(name));
    }

    // ---------------------------------------------------------------- producers and consumers

    @Override
    public JMSProducer createProducer() {
        return new TernJMSProducer(this, createMessage());
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return createConsumer(destination, null, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        requireDestination(destination);
        return consumerOf(call(() -> session().createConsumer(destination, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        requireDestination(topic);
        return consumerOf(call(() -> session().createDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        requireDestination(topic);
        return consumerOf(call(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        requireDestination(topic);
        return consumerOf(call(() -> session().createSharedConsumer(topic, sharedSubscriptionName)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        requireDestination(topic);
        return consumerOf(call(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        requireDestination(topic);
        return consumerOf(call(() -> session().createSharedDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        requireDestination(topic);
        return consumerOf(call(() -> session().createSharedDurableConsumer(topic, name, messageSelector)));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        requireDestination(queue);
        return call(() -> session().createBrowser(queue, messageSelector));
    }

    private JMSConsumer consumerOf(MessageConsumer consumer) {
        if (autoStart) {
            run(shared.connection::start);
        }
        return new TernJMSConsumer(this, consumer);
    }

    private void requireDestination(Destination destination) {
        checkOpen();
        if (destination == null) {
            throw new InvalidDestinationRuntimeException("destination is null");
        }
    }

    // ---------------------------------------------------------------- for TernJMSProducer and TernJMSConsumer

    /** Sends through the context's anonymous producer with one JMSProducer's settings. */
    void send(Destination destination, Message message, SendOptions options, CompletionListener completion) {
        MessageProducer producer = call(this::sharedProducer);
        run(() -> {
            producer.setDeliveryDelay(options.deliveryDelay());
            producer.setDisableMessageID(options.disableMessageID());
            producer.setDisableMessageTimestamp(options.disableMessageTimestamp());
            if (completion == null) {
                producer.send(destination, message, options.deliveryMode(), options.priority(), options.timeToLive());
            } else {
                producer.send(destination, message, options.deliveryMode(), options.priority(), options.timeToLive(),
                        completionListenerOf(completion));
            }
        });
    }

    /** What one JMSProducer asks of a send. */
    record SendOptions(int deliveryMode, int priority, long timeToLive, long deliveryDelay,
                       boolean disableMessageID, boolean disableMessageTimestamp) {
    }

    /** Notes a message this context's session handed to the application (for {@link #acknowledge()}). */
    void consumed(Message message) {
        if (message != null && sessionMode == CLIENT_ACKNOWLEDGE) {
            lastConsumed = message;
        }
    }

    /** Wraps an application MessageListener so the context knows when it runs on the delivery thread. */
    MessageListener messageListenerOf(MessageListener listener) {
        return message -> {
            consumed(message);
            TernJMSContext previous = MESSAGE_LISTENER_CONTEXT.get();
            MESSAGE_LISTENER_CONTEXT.set(this);
            try {
                listener.onMessage(message);
            } finally {
                restore(MESSAGE_LISTENER_CONTEXT, previous);
            }
        };
    }

    private CompletionListener completionListenerOf(CompletionListener listener) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                TernJMSContext previous = COMPLETION_LISTENER_CONTEXT.get();
                COMPLETION_LISTENER_CONTEXT.set(TernJMSContext.this);
                try {
                    listener.onCompletion(message);
                } finally {
                    restore(COMPLETION_LISTENER_CONTEXT, previous);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                TernJMSContext previous = COMPLETION_LISTENER_CONTEXT.get();
                COMPLETION_LISTENER_CONTEXT.set(TernJMSContext.this);
                try {
                    listener.onException(message, exception);
                } finally {
                    restore(COMPLETION_LISTENER_CONTEXT, previous);
                }
            }
        };
    }

    private static void restore(ThreadLocal<TernJMSContext> slot, TernJMSContext previous) {
        if (previous == null) {
            slot.remove();
        } else {
            slot.set(previous);
        }
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    /** The context's session, created on first need. */
    synchronized Session session() throws JMSException {
        checkOpen();
        shared.markUsed();
        if (session == null) {
            if (closing) {
                // close() already took the (absent) session: a new one would never be closed.
                throw new IllegalStateRuntimeException("the JMSContext is closing");
            }
            session = shared.connection.createSession(sessionMode);
        }
        return session;
    }

    private synchronized Session existingSession() {
        return session;
    }

    private synchronized MessageProducer sharedProducer() throws JMSException {
        checkOpen();
        if (sharedProducer == null) {
            sharedProducer = session().createProducer(null);
        }
        return sharedProducer;
    }

    /** The connection and how many open contexts use it. */
    private static final class SharedConnection {
        final Connection connection;
        private int openContexts = 1;
        /** Set by the first action on the connection; after it the client ID may no longer be set. */
        private boolean used;

        SharedConnection(Connection connection) {
            this.connection = connection;
        }

        synchronized void retain() {
            if (openContexts == 0) {
                throw new IllegalStateRuntimeException("the connection is closed");
            }
            openContexts++;
        }

        /** True when the last context let go: the caller closes the connection. */
        synchronized boolean release() {
            openContexts--;
            return openContexts == 0;
        }

        synchronized void markUsed() {
            used = true;
        }

        /** True (once) if nothing was done on the connection yet, so the client ID may be set now. */
        synchronized boolean claimClientIdSetting() {
            if (used) {
                return false;
            }
            used = true;
            return true;
        }

        void closeQuietly() {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                // The caller reports the real problem (an invalid session mode).
            }
        }
    }
}
