package dev.tern.client;

import dev.tern.message.TernMessage;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DeliveryTag;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A message consumer: the broker pushes deliveries into its buffer (up to its credit); the
 * application takes them with {@code receive} or the session's dispatcher hands them to its listener.
 */
public final class TernMessageConsumer implements QueueReceiver, TopicSubscriber, TernJMSConsumer.BodyReceiver {

    private final TernSession session;
    private final TernDestination destination;
    private final ConsumerSpec spec;
    /** How many deliveries the broker may have pushed ahead of the application, once credit is open. */
    private final int window;
    private final DeliveryBuffer buffer = new DeliveryBuffer();
    private final Object creditLock = new Object();
    private int creditOwed;
    /** Whether the window has been granted (at creation on a started connection, else at start). */
    private final AtomicBoolean creditOpen;
    private volatile MessageListener listener;
    private volatile boolean closed;
    /** Queued in the session's ready consumers (guarded by the session's dispatch monitor). */
    boolean readyForDispatch;

    TernMessageConsumer(TernSession session, TernDestination destination, ConsumerSpec spec, int window,
                        boolean creditOpen) {
        this.session = session;
        this.destination = destination;
        this.spec = spec;
        this.window = window;
        this.creditOpen = new AtomicBoolean(creditOpen);
    }

    /** Grants the window the consumer was created without (its connection was stopped); once. */
    void openCredit() throws JMSException {
        if (!closed && creditOpen.compareAndSet(false, true)) {
            session.connection().broker().addCredit(spec.consumerId(), window);
        }
    }

    /** Called on a broker thread: buffer it and return. */
    void onDelivery(Delivery delivery) {
        buffer.add(delivery);
        if (listener != null) {
            session.consumerReady(this);
        }
    }

    String subscriptionName() {
        return spec.subscriptionName();
    }

    boolean isDurable() {
        return spec.durable();
    }

    boolean hasListener() {
        return listener != null && !closed;
    }

    MessageListener listener() {
        return closed ? null : listener;
    }

    boolean hasBuffered() {
        return !buffer.isEmpty();
    }

    Delivery pollBuffered() {
        return buffer.poll();
    }

    /** A delivery taken for a listener that could not run after all goes back to the front. */
    void putBack(Delivery delivery) {
        buffer.addFirst(delivery);
    }

    void wake() {
        buffer.wake();
    }

    /**
     * The application (or expiry) took {@code count} messages out of the buffer: give the broker
     * credit back, in batches of half the window to keep requests few.
     */
    void creditConsumed(int count) throws JMSException {
        int grant = 0;
        synchronized (creditLock) {
            creditOwed += count;
            if (creditOwed >= Math.max(1, window / 2)) {
                grant = creditOwed;
                creditOwed = 0;
            }
        }
        if (grant > 0 && !closed) {
            session.connection().broker().addCredit(spec.consumerId(), grant);
        }
    }

    long consumerId() {
        return spec.consumerId();
    }

    /**
     * After a session recovery gave everything back at the broker: forgets the buffered deliveries
     * and grants the whole window again (the broker reset this consumer's credit to 0).
     */
    void dropBuffered() throws JMSException {
        buffer.drain();
        synchronized (creditLock) {
            creditOwed = 0;
        }
        if (!closed && creditOpen.get()) {
            session.connection().broker().addCredit(spec.consumerId(), window);
        }
    }

    /** Gives prefetched deliveries the application never saw back to the broker (close). */
    void releaseBuffered() throws JMSException {
        List<DeliveryTag> unseen = buffer.drainTags();
        if (!unseen.isEmpty()) {
            session.connection().broker().release(unseen, false);
        }
    }

    private void checkOpen() throws IllegalStateException {
        if (closed || session.isClosed()) {
            throw new IllegalStateException("Consumer is closed");
        }
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return spec.selector();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        this.listener = listener;
        if (listener != null) {
            session.listenerSet();
        }
    }

    @Override
    public Message receive() throws JMSException {
        return receive(0);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return doReceive(timeout < 0 ? 0 : timeout);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return doReceive(-1);
    }

    private Message doReceive(long timeout) throws JMSException {
        return receiveAndRead(timeout, message -> message);
    }

    /**
     * Receives the next message and returns what {@code reader} makes of it. In the automatic modes
     * the message is acknowledged only if the reader returned; if it throws, the delivery goes back
     * to the front of the buffer unchanged (not counted as redelivered) and the exception propagates.
     */
    @Override
    public <T> T receiveAndRead(long timeout, TernJMSConsumer.BodyReader<T> reader) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("This consumer has a MessageListener: receive is not allowed");
        }
        long deadline = timeout > 0 ? System.currentTimeMillis() + timeout : 0;
        while (true) {
            long wait = timeout > 0 ? Math.max(1, deadline - System.currentTimeMillis()) : timeout;
            Delivery delivery;
            try {
                delivery = buffer.take(wait, session.connection()::isStarted);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JMSException("Interrupted while receiving");
            }
            if (delivery == null) {
                return null;
            }
            TernMessage message = session.prepare(delivery);
            if (message == null) {
                creditConsumed(1);
            } else {
                T result;
                try {
                    result = reader.read(message);
                } catch (JMSException | RuntimeException e) {
                    putBack(delivery);
                    throw e;
                }
                creditConsumed(1);
                session.deliveredSynchronously(delivery, buffer.isEmpty());
                return result;
            }
            if (timeout > 0 && System.currentTimeMillis() >= deadline) {
                return null;
            }
        }
    }

    /**
     * Closes the consumer: a blocked receive returns null, a running listener is waited for (unless
     * this is called from that listener), prefetched messages go back to the broker. Delivered but
     * unacknowledged messages stay with the session (its transaction or acknowledge()).
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        buffer.close();
        session.awaitListenerIdle();
        if (!session.connection().isClosed()) {
            session.flushAcknowledgements(); // acknowledged before closing: never redelivered
            session.connection().broker().closeConsumer(spec.consumerId());
            releaseBuffered();
        }
        session.consumerClosed(this);
    }

    /** The link is gone: end blocked receives; nothing goes back to the broker. */
    void terminate() {
        closed = true;
        buffer.close();
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue q ? q : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic t ? t : null;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return spec.noLocal();
    }

    @Override
    public String toString() {
        return "TernMessageConsumer[" + spec.consumerId() + " on " + destination + "]";
    }
}
