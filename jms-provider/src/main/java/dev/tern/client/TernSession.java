package dev.tern.client;

import dev.tern.message.MessageCodec;
import dev.tern.message.TernBytesMessage;
import dev.tern.message.TernMapMessage;
import dev.tern.message.TernMessage;
import dev.tern.message.TernObjectMessage;
import dev.tern.message.TernStreamMessage;
import dev.tern.message.TernTextMessage;
import dev.tern.selector.Selector;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DeliveryTag;
import dev.tern.transport.DestinationRef;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionRolledBackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A JMS session: a single thread of control for its consumers and producers. It owns the
 * acknowledgement mode, the current local transaction, the list of delivered but unacknowledged
 * messages, and (when a consumer has a listener) the one thread that calls listeners serially.
 *
 * <p>Locking rule: no lock of the session is held while calling the broker, so a broker thread
 * pushing a delivery can never wait for a client thread that waits for the broker.
 */
public final class TernSession implements QueueSession, TopicSession {

    private static final Logger LOG = LoggerFactory.getLogger(TernSession.class);

    /** Which interface the session was created through: QueueSession and TopicSession forbid the other domain. */
    enum Domain { ANY, QUEUE, TOPIC }

    private final TernConnection connection;
    private final int mode;
    private final Domain domain;
    private final long sessionId;
    private final List<TernMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<TernMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final List<TernQueueBrowser> browsers = new CopyOnWriteArrayList<>();
    private final List<DeliveryTag> unacknowledged = new ArrayList<>();
    private final ReentrantLock listenerLock = new ReentrantLock();
    private final Object dispatchSignal = new Object();
    /** Listener consumers that may hold buffered deliveries, in turn order (guarded by dispatchSignal). */
    private final ArrayDeque<TernMessageConsumer> readyConsumers = new ArrayDeque<>();
    /** The dispatcher must look at every consumer, not only the ready ones (guarded by dispatchSignal). */
    private boolean rescanConsumers = true;
    private final AsyncSends asyncSends = new AsyncSends();
    private final List<Delivery> runQueue = new ArrayList<>();
    /** Automatic acknowledgements (AUTO, DUPS_OK, expired messages), sent without waiting and in batches. */
    private final AckBatcher autoAcks;

    private volatile boolean closed;
    private volatile boolean closing;
    private volatile Thread listenerThread;
    private volatile Thread dispatcher;
    private volatile MessageListener sessionListener;
    private long transactionId;
    /** The delivery being handed to a listener right now, and whether recover() claimed it. */
    private Delivery currentListenerDelivery;
    private boolean currentRecovered;

    TernSession(TernConnection connection, int mode, Domain domain) {
        this.connection = connection;
        this.mode = mode;
        this.domain = domain;
        this.sessionId = connection.nextId();
        this.transactionId = mode == SESSION_TRANSACTED ? connection.nextId() : 0;
        // DUPS_OK lets acknowledgements wait longer and gather more; AUTO sends them promptly
        boolean lazy = mode == DUPS_OK_ACKNOWLEDGE;
        this.autoAcks = new AckBatcher(connection.broker(), lazy ? 256 : 64, lazy ? 50 : 5, connection::asyncError);
    }

    /**
     * Sends the automatic acknowledgements that wait, so that what follows (recover, close,
     * stop...) is applied after them at the broker.
     */
    void flushAcknowledgements() throws JMSException {
        autoAcks.flush();
    }

    /** Same, for paths that cannot throw: a failure goes to the ExceptionListener. */
    void flushAcknowledgementsQuietly() {
        autoAcks.flushQuietly();
    }

    TernConnection connection() {
        return connection;
    }

    boolean isTransacted() {
        return mode == SESSION_TRANSACTED;
    }

    void checkOpen() throws IllegalStateException {
        if (closed || closing || connection.isClosed()) {
            throw new IllegalStateException("Session is closed");
        }
    }

    boolean isClosed() {
        return closed || connection.isClosed();
    }

    /** True on the thread that is running one of this session's message listeners right now. */
    boolean isListenerThread() {
        return listenerThread == Thread.currentThread();
    }

    // ---- messages

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new TernBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new TernMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new TernMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new TernObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        TernObjectMessage message = new TernObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new TernStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new TernTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        TernTextMessage message = new TernTextMessage();
        message.setText(text);
        return message;
    }

    // ---- transactions and acknowledgement

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return isTransacted();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return mode;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (!isTransacted()) {
            throw new IllegalStateException("commit() needs a transacted session");
        }
        asyncSends.awaitAll();
        autoAcks.flush();
        long tx;
        List<DeliveryTag> acks;
        synchronized (unacknowledged) {
            tx = transactionId;
            acks = takeUnacknowledged();
            transactionId = connection.nextId();
        }
        try {
            if (!acks.isEmpty()) {
                connection.broker().acknowledge(tx, acks);
            }
            connection.broker().commit(tx);
        } catch (JMSException e) {
            rollbackQuietly(tx, acks);
            TransactionRolledBackException rolledBack =
                    new TransactionRolledBackException("Transaction rolled back: " + e.getMessage());
            rolledBack.setLinkedException(e);
            rolledBack.initCause(e);
            throw rolledBack;
        }
    }

    private void rollbackQuietly(long tx, List<DeliveryTag> acks) {
        try {
            connection.broker().rollback(tx);
            if (!acks.isEmpty()) {
                connection.broker().release(acks, true);
            }
        } catch (JMSException e) {
            LOG.debug("Rollback after failed commit also failed", e);
        }
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (!isTransacted()) {
            throw new IllegalStateException("rollback() needs a transacted session");
        }
        asyncSends.awaitAll();
        autoAcks.flush();
        long tx;
        synchronized (unacknowledged) {
            tx = transactionId;
            transactionId = connection.nextId();
        }
        connection.broker().rollback(tx);
        redeliverAll();
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (isTransacted()) {
            throw new IllegalStateException("recover() is not allowed in a transacted session");
        }
        synchronized (unacknowledged) {
            if (isListenerThread() && currentListenerDelivery != null && !currentRecovered
                    && (mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE)) {
                currentRecovered = true;
                unacknowledged.add(currentListenerDelivery.tag());
            }
        }
        redeliverAll();
    }

    /**
     * Gives back everything this session holds: delivered and unacknowledged messages (they come
     * back flagged as redelivered) and prefetched ones the application never saw, so that delivery
     * restarts with the oldest unacknowledged message.
     */
    private void redeliverAll() throws JMSException {
        autoAcks.flush(); // what was acknowledged must not come back
        List<DeliveryTag> delivered;
        synchronized (unacknowledged) {
            delivered = takeUnacknowledged();
        }
        List<Long> consumerIds = new ArrayList<>(consumers.size());
        for (TernMessageConsumer consumer : consumers) {
            consumerIds.add(consumer.consumerId());
        }
        // One step at the broker: everything in flight comes back (the seen ones flagged), and every
        // delivery pushed before it is in our buffers when it returns: those are the broker's again.
        connection.broker().recover(consumerIds, delivered);
        for (TernMessageConsumer consumer : consumers) {
            consumer.dropBuffered();
        }
    }

    private List<DeliveryTag> takeUnacknowledged() {
        List<DeliveryTag> tags = new ArrayList<>(unacknowledged);
        unacknowledged.clear();
        return tags;
    }

    /** CLIENT_ACKNOWLEDGE: {@code Message.acknowledge()} acknowledges every message the session consumed. */
    void acknowledgeAll() throws JMSException {
        if (isClosed()) {
            throw new IllegalStateException("Cannot acknowledge: the session is closed");
        }
        if (mode != CLIENT_ACKNOWLEDGE) {
            return;
        }
        autoAcks.flush();
        List<DeliveryTag> tags;
        synchronized (unacknowledged) {
            tags = takeUnacknowledged();
        }
        if (!tags.isEmpty()) {
            connection.broker().acknowledge(0, tags);
        }
    }

    /**
     * Turns a delivery into the message the application gets, or null if it expired while buffered
     * (then it is acknowledged away: expired messages are never delivered).
     */
    TernMessage prepare(Delivery delivery) throws JMSException {
        TernMessage message = MessageCodec.decode(delivery.message());
        long expiration = message.getJMSExpiration();
        if (expiration != 0 && expiration <= System.currentTimeMillis()) {
            autoAcks.add(delivery.tag(), false);
            return null;
        }
        message.setDeliveryCount(delivery.deliveryCount());
        if (mode == CLIENT_ACKNOWLEDGE) {
            message.setAcknowledger(this::acknowledgeAll);
        }
        return message;
    }

    /**
     * Synchronous receive handed the message out: acknowledge it now (without waiting for the
     * broker; {@code idle}: the consumer has nothing more buffered, so send the batch at once) or
     * remember it.
     */
    void deliveredSynchronously(Delivery delivery, boolean idle) throws JMSException {
        if (mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE) {
            autoAcks.add(delivery.tag(), idle);
        } else {
            synchronized (unacknowledged) {
                unacknowledged.add(delivery.tag());
            }
        }
    }

    // ---- asynchronous delivery

    /**
     * Something other than one consumer's delivery changed (start, a listener, recover, close): let the
     * dispatcher look at every consumer.
     */
    void signalDispatcher() {
        synchronized (dispatchSignal) {
            rescanConsumers = true;
            dispatchSignal.notifyAll();
        }
    }

    /**
     * A listener consumer buffered a delivery: queue it for the dispatcher, which then finds it without
     * scanning the session's other consumers (a session may have thousands).
     */
    void consumerReady(TernMessageConsumer consumer) {
        synchronized (dispatchSignal) {
            enqueueReady(consumer);
            dispatchSignal.notifyAll();
        }
    }

    /** Holding {@code dispatchSignal}. */
    private void enqueueReady(TernMessageConsumer consumer) {
        if (!consumer.readyForDispatch) {
            consumer.readyForDispatch = true;
            readyConsumers.addLast(consumer);
        }
    }

    void listenerSet() {
        if (dispatcher != null) {
            signalDispatcher();
            return;
        }
        synchronized (dispatchSignal) {
            if (dispatcher == null && !closed && !closing) {
                Thread thread = new Thread(this::dispatchLoop,
                        "tern-session-" + connection.broker().connectionId() + "-" + sessionId);
                thread.setDaemon(true);
                dispatcher = thread;
                thread.start();
            }
        }
    }

    void connectionStarted() throws JMSException {
        for (TernMessageConsumer consumer : consumers) {
            consumer.openCredit();
            consumer.wake();
        }
        signalDispatcher();
    }

    private void dispatchLoop() {
        while (!closed && !closing) {
            TernMessageConsumer chosen = null;
            Delivery delivery = null;
            boolean needFlush = false;
            synchronized (dispatchSignal) {
                if (connection.isStarted()) {
                    if (rescanConsumers) {
                        rescanConsumers = false;
                        for (TernMessageConsumer consumer : consumers) {
                            if (consumer.hasListener() && consumer.hasBuffered()) {
                                enqueueReady(consumer);
                            }
                        }
                    }
                    while (delivery == null && !readyConsumers.isEmpty()) {
                        TernMessageConsumer candidate = readyConsumers.pollFirst();
                        candidate.readyForDispatch = false;
                        if (candidate.hasListener()) {
                            delivery = candidate.pollBuffered();
                            if (delivery != null) {
                                chosen = candidate;
                                if (candidate.hasBuffered()) {
                                    enqueueReady(candidate); // behind the others: consumers take turns
                                }
                            }
                        }
                    }
                }
                if (delivery == null && autoAcks.hasPending()) {
                    // nothing to deliver right now: send the acknowledgements (outside the monitor)
                    needFlush = true;
                } else if (delivery == null) {
                    long waitStart = System.nanoTime();
                    try {
                        dispatchSignal.wait(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (System.nanoTime() - waitStart >= TimeUnit.MILLISECONDS.toNanos(500)) {
                        rescanConsumers = true; // idle: a cheap safety net, nothing buffered stays unseen
                    }
                    continue;
                }
            }
            if (needFlush) {
                autoAcks.flushQuietly();
                continue;
            }
            deliverToListener(chosen, delivery);
        }
    }

    private void deliverToListener(TernMessageConsumer consumer, Delivery delivery) {
        listenerLock.lock();
        try {
            listenerThread = Thread.currentThread();
            MessageListener listener = consumer.listener();
            if (listener == null || !connection.isStarted() || closed) {
                consumer.putBack(delivery);
                if (listener != null) {
                    consumerReady(consumer); // a start racing this must still find it
                }
                return;
            }
            consumer.creditConsumed(1);
            TernMessage message = prepare(delivery);
            if (message == null) {
                return;
            }
            callListener(listener, message, delivery);
        } catch (JMSException e) {
            LOG.warn("Delivery to {} failed", consumer, e);
        } finally {
            listenerThread = null;
            listenerLock.unlock();
        }
    }

    /** Calls a listener with one message and settles its acknowledgement by the session's mode. */
    private void callListener(MessageListener listener, TernMessage message, Delivery delivery) throws JMSException {
        boolean autoAck = mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE;
        synchronized (unacknowledged) {
            currentListenerDelivery = delivery;
            currentRecovered = false;
            if (!autoAck) {
                unacknowledged.add(delivery.tag());
            }
        }
        boolean failed = false;
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("MessageListener threw; the message will be {}", autoAck ? "redelivered" : "kept unacknowledged", e);
        } finally {
            boolean recovered;
            synchronized (unacknowledged) {
                recovered = currentRecovered;
                currentListenerDelivery = null;
            }
            if (autoAck && !recovered && !closed) {
                if (failed) {
                    autoAcks.flush(); // acknowledgements of earlier messages first
                    connection.broker().release(List.of(delivery.tag()), true);
                } else {
                    // not idle here: the dispatcher flushes when it finds nothing more to deliver
                    autoAcks.add(delivery.tag(), false);
                }
            }
        }
    }

    /** Waits until no listener of this session is running (for Connection.stop/close). */
    void awaitListenerIdle() {
        if (isListenerThread()) {
            return;
        }
        listenerLock.lock();
        listenerLock.unlock();
    }

    // ---- application server facilities (Session.run)

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return sessionListener;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        this.sessionListener = listener;
    }

    /** A connection consumer hands this session deliveries to run through its listener. */
    void loadForRun(Delivery delivery) {
        synchronized (runQueue) {
            runQueue.add(delivery);
        }
    }

    /** Delivers the loaded messages to the session's listener (called by the application server). */
    @Override
    public void run() {
        List<Delivery> loaded;
        synchronized (runQueue) {
            loaded = new ArrayList<>(runQueue);
            runQueue.clear();
        }
        MessageListener listener = sessionListener;
        for (Delivery delivery : loaded) {
            listenerLock.lock();
            try {
                listenerThread = Thread.currentThread();
                if (listener == null || closed) {
                    connection.broker().release(List.of(delivery.tag()), false);
                    continue;
                }
                TernMessage message = prepare(delivery);
                if (message != null) {
                    callListener(listener, message, delivery);
                }
            } catch (JMSException e) {
                LOG.warn("Session.run could not deliver a message", e);
            } finally {
                listenerThread = null;
                listenerLock.unlock();
            }
        }
        autoAcks.flushQuietly(); // the loaded messages are done: their acknowledgements go now
    }

    // ---- producers

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        TernDestination target = destination == null ? null : TernDestination.from(destination);
        TernMessageProducer producer = new TernMessageProducer(this, target);
        producers.add(producer);
        return producer;
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        checkDomain(Domain.QUEUE, "createSender");
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        checkDomain(Domain.TOPIC, "createPublisher");
        return (TopicPublisher) createProducer(topic);
    }

    void producerClosed(TernMessageProducer producer) {
        producers.remove(producer);
    }

    /**
     * Sends one message for a producer: sets the headers the send defines, encodes once, hands the
     * bytes to the broker, and waits for its receipt (or calls the completion listener later).
     */
    void send(TernMessageProducer producer, TernDestination destination, Message message, int deliveryMode,
              int priority, long timeToLive, CompletionListener completionListener) throws JMSException {
        checkOpen();
        if (message == null) {
            throw new jakarta.jms.MessageFormatException("Message must not be null");
        }
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("Invalid delivery mode: " + deliveryMode);
        }
        if (priority < 0 || priority > 9) {
            throw new JMSException("Invalid priority: " + priority + " (0-9)");
        }
        long now = System.currentTimeMillis();
        message.setJMSDestination(destination);
        message.setJMSDeliveryMode(deliveryMode);
        message.setJMSPriority(priority);
        message.setJMSExpiration(timeToLive > 0 ? now + timeToLive : 0);
        message.setJMSTimestamp(producer.getDisableMessageTimestamp() ? 0 : now);
        if (producer.getDisableMessageID()) {
            message.setJMSMessageID(null);
        } else if (message instanceof TernMessage tern) {
            connection.assignMessageId(tern); // the string is made only if someone asks for it
        } else {
            message.setJMSMessageID(connection.nextMessageId());
        }
        message.setJMSDeliveryTime(now + producer.getDeliveryDelay());
        byte[] encoded = MessageCodec.encode(message);
        long tx;
        synchronized (unacknowledged) {
            tx = transactionId;
        }
        CompletableFuture<Void> receipt = connection.broker().send(tx, encoded);
        if (completionListener == null) {
            awaitReceipt(receipt);
        } else {
            asyncSends.track(receipt, message, completionListener);
        }
    }

    private static void awaitReceipt(CompletableFuture<Void> receipt) throws JMSException {
        try {
            receipt.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("Interrupted while waiting for the broker's receipt");
        } catch (ExecutionException e) {
            throw JmsFailures.asJMSException(e.getCause());
        }
    }

    // ---- consumers

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        TernDestination target = requireDestination(destination);
        return openConsumer(target, messageSelector, noLocal, null, false, false);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return createReceiver(queue, null);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        checkDomain(Domain.QUEUE, "createReceiver");
        return (QueueReceiver) createConsumer(queue, messageSelector, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return createSubscriber(topic, null, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal)
            throws JMSException {
        checkDomain(Domain.TOPIC, "createSubscriber");
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createSharedConsumer");
        TernDestination target = requireTopic(topic);
        requireSubscriptionName(sharedSubscriptionName);
        return openConsumer(target, messageSelector, false, sharedSubscriptionName, false, true);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createDurableSubscriber");
        TernDestination target = requireTopic(topic);
        requireSubscriptionName(name);
        connection.requireClientId("an unshared durable subscription");
        return openConsumer(target, messageSelector, noLocal, name, true, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return createDurableSubscriber(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createSharedDurableConsumer");
        TernDestination target = requireTopic(topic);
        requireSubscriptionName(name);
        return openConsumer(target, messageSelector, false, name, true, true);
    }

    private TernMessageConsumer openConsumer(TernDestination destination, String selector, boolean noLocal,
                                             String subscriptionName, boolean durable, boolean shared)
            throws JMSException {
        Selector.parse(selector);
        DestinationRef ref = destination.ref();
        if (ref.isTemporary() && !connection.ownsTemporary(ref)) {
            throw new InvalidDestinationException("Temporary destination " + ref.name()
                    + " belongs to another connection: only its own connection may consume from it");
        }
        connection.markUsed();
        String normalizedSelector = selector == null || selector.isBlank() ? null : selector;
        // A consumer of a stopped connection gets no credit until the connection starts: prefetching
        // would take messages from the consumers of started connections on the same queue.
        int window = connection.prefetch();
        boolean started = connection.isStarted();
        ConsumerSpec spec = new ConsumerSpec(connection.nextId(), ref, normalizedSelector, noLocal,
                subscriptionName, durable, shared, started ? window : 0);
        TernMessageConsumer consumer = new TernMessageConsumer(this, destination, spec, window, started);
        consumers.add(consumer);
        try {
            connection.broker().createConsumer(spec, consumer::onDelivery);
        } catch (JMSException | RuntimeException e) {
            consumers.remove(consumer);
            throw e;
        }
        if (connection.isStarted()) { // started meanwhile: connectionStarted may have missed it
            consumer.openCredit();
        }
        return consumer;
    }

    void consumerClosed(TernMessageConsumer consumer) {
        consumers.remove(consumer);
    }

    private static TernDestination requireDestination(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("Destination must not be null");
        }
        return TernDestination.from(destination);
    }

    private static TernDestination requireTopic(Topic topic) throws JMSException {
        if (topic == null) {
            throw new InvalidDestinationException("Topic must not be null");
        }
        return TernDestination.from(topic);
    }

    private static void requireSubscriptionName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("Subscription name must not be null or empty");
        }
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "unsubscribe");
        requireSubscriptionName(name);
        for (TernMessageConsumer consumer : consumers) {
            if (name.equals(consumer.subscriptionName()) && consumer.isDurable()) {
                throw new IllegalStateException("Durable subscription '" + name
                        + "' has an active consumer in this session");
            }
        }
        connection.broker().unsubscribe(name);
    }

    // ---- browsers and destinations

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createBrowser");
        if (queue == null) {
            throw new InvalidDestinationException("Queue must not be null");
        }
        Selector.parse(messageSelector);
        TernQueueBrowser browser = new TernQueueBrowser(this, (TernQueue) TernDestination.from(queue),
                messageSelector == null || messageSelector.isBlank() ? null : messageSelector);
        browsers.add(browser);
        return browser;
    }

    void browserClosed(TernQueueBrowser browser) {
        browsers.remove(browser);
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createQueue");
        if (queueName == null || queueName.isEmpty()) {
            throw new InvalidDestinationException("Queue name must not be null or empty");
        }
        return new TernQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createTopic");
        if (topicName == null || topicName.isEmpty()) {
            throw new InvalidDestinationException("Topic name must not be null or empty");
        }
        return new TernTopic(topicName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createTemporaryQueue");
        return new TernTemporaryQueue(connection.createTemporaryDestination(false), connection);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createTemporaryTopic");
        return new TernTemporaryTopic(connection.createTemporaryDestination(true), connection);
    }

    private void checkDomain(Domain required, String method) throws IllegalStateException {
        if (domain != Domain.ANY && domain != required) {
            throw new IllegalStateException(method + "() is not allowed on a "
                    + (domain == Domain.QUEUE ? "QueueSession" : "TopicSession"));
        }
    }

    // ---- close

    /**
     * Closes the session: waits for a running listener and for pending asynchronous sends, closes
     * consumers, rolls back the open transaction and gives back unacknowledged messages.
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (isListenerThread()) {
            throw new IllegalStateException("A message listener must not close its own session");
        }
        if (asyncSends.isCompletionThread()) {
            throw new IllegalStateException("A CompletionListener must not close its own session");
        }
        closing = true;
        signalDispatcher();
        Thread thread = dispatcher;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        awaitListenerIdle();
        try {
            asyncSends.awaitAll();
        } catch (JMSException e) {
            LOG.debug("Pending asynchronous send failed during close", e);
        }
        JMSException failure = null;
        try {
            if (!connection.isClosed()) {
                autoAcks.flush(); // before the consumers close: what was acknowledged is never redelivered
            }
        } catch (JMSException e) {
            failure = e;
        }
        for (TernMessageConsumer consumer : consumers) {
            try {
                consumer.close();
            } catch (JMSException e) {
                failure = failure == null ? e : failure;
            }
        }
        for (TernMessageProducer producer : producers) {
            producer.markClosed();
        }
        for (TernQueueBrowser browser : browsers) {
            browser.markClosed();
        }
        try {
            if (!connection.isClosed()) {
                if (isTransacted()) {
                    connection.broker().rollback(transactionId);
                }
                List<DeliveryTag> held;
                synchronized (unacknowledged) {
                    held = takeUnacknowledged();
                }
                if (!held.isEmpty()) {
                    connection.broker().release(held, true);
                }
            }
        } catch (JMSException e) {
            failure = failure == null ? e : failure;
        } finally {
            closed = true;
            autoAcks.close();
            asyncSends.shutdown();
            connection.sessionClosed(this);
        }
        if (failure != null) {
            LOG.debug("Problem while closing session", failure);
        }
    }

    /** The link to the broker is gone: stop the session's threads and blocked receives without calling the broker. */
    void terminate() {
        closing = true;
        for (TernMessageConsumer consumer : consumers) {
            consumer.terminate();
        }
        signalDispatcher();
        closed = true;
        autoAcks.close();
        asyncSends.shutdown();
    }

    AsyncSends asyncSends() {
        return asyncSends;
    }

    @Override
    public String toString() {
        return "TernSession[" + sessionId + ", mode=" + mode + "]";
    }

    /**
     * Asynchronous sends of this session: completion listeners run on one thread per session, in
     * send order; commit and close wait for all of them.
     */
    final class AsyncSends {
        private final Object lock = new Object();
        private int pending;
        private ExecutorService executor;
        private volatile Thread completionThread;
        private CompletableFuture<Void> lastSubmitted = CompletableFuture.completedFuture(null);

        void track(CompletableFuture<Void> receipt, Message message, CompletionListener listener) {
            ExecutorService callbacks;
            synchronized (lock) {
                pending++;
                if (executor == null) {
                    executor = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "tern-completion-" + connection.broker().connectionId() + "-"
                                + sessionId);
                        t.setDaemon(true);
                        return t;
                    });
                }
                callbacks = executor;
            }
            // callbacks in send order even when receipts arrive out of order (over TCP a non-persistent
            // send completes at once, a persistent one sent before it only on the broker's receipt)
            CompletableFuture<Void> previous;
            CompletableFuture<Void> submitted = new CompletableFuture<>();
            synchronized (lock) {
                previous = lastSubmitted;
                lastSubmitted = submitted;
            }
            receipt.whenComplete((ok, error) -> previous.whenComplete((x, y) -> {
                try {
                    callbacks.execute(() -> complete(message, listener, error));
                } finally {
                    submitted.complete(null);
                }
            }));
        }

        private void complete(Message message, CompletionListener listener, Throwable error) {
            completionThread = Thread.currentThread();
            try {
                if (error == null) {
                    listener.onCompletion(message);
                } else {
                    listener.onException(message, JmsFailures.asJMSException(error));
                }
            } catch (RuntimeException e) {
                LOG.warn("CompletionListener threw", e);
            } finally {
                completionThread = null;
                synchronized (lock) {
                    pending--;
                    lock.notifyAll();
                }
            }
        }

        boolean isCompletionThread() {
            return completionThread == Thread.currentThread();
        }

        void awaitAll() throws JMSException {
            if (isCompletionThread()) {
                throw new IllegalStateException("A CompletionListener must not call this method of its own session");
            }
            synchronized (lock) {
                while (pending > 0) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new JMSException("Interrupted while waiting for asynchronous sends");
                    }
                }
            }
        }

        void shutdown() {
            synchronized (lock) {
                if (executor != null) {
                    executor.shutdown();
                }
            }
        }
    }
}
