package dev.tern.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.tern.client.JmsExceptions.call;
import static dev.tern.client.JmsExceptions.run;

/**
 * The simplified API's consumer over a classic {@link MessageConsumer}.
 *
 * <p>{@code receiveBody} must not consume a message whose body it cannot return when the context
 * acknowledges automatically: the message is delivered again, first, and not as a redelivery. A classic
 * consumer that implements {@link BodyReceiver} does exactly that. With any other consumer the message is
 * already acknowledged when {@code receive} returns, so this class keeps it and hands it out first on the
 * next receive of this JMSConsumer: the application sees the specified behaviour, but the message is
 * gone if this JMSConsumer is closed before receiving it again.
 */
public final class TernJMSConsumer implements JMSConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TernJMSConsumer.class);

    /** Receive timeouts as {@link BodyReceiver} takes them. */
    static final long WAIT_FOREVER = 0;
    static final long NO_WAIT = -1;

    /**
     * What a classic consumer offers so that {@code receiveBody} can refuse a message without consuming it.
     */
    interface BodyReceiver {
        /**
         * Receives the next message and returns {@code reader.read(message)}, acknowledging (in the
         * automatic modes) only if the reader returned. If the reader throws, the message is neither
         * acknowledged nor counted as delivered: the next receive of this consumer returns it again, not
         * marked as redelivered and without incrementing JMSXDeliveryCount; the exception propagates.
         *
         * @param timeout milliseconds to wait; {@link #WAIT_FOREVER} (0) waits until a message or close,
         *                {@link #NO_WAIT} (negative) returns null at once if no message is ready
         * @return what the reader returned, or null when no message arrived
         */
        <T> T receiveAndRead(long timeout, BodyReader<T> reader) throws JMSException;
    }

    /** Reads what the application asked for out of a received message. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(Message message) throws JMSException;
    }

    private final TernJMSContext context;
    private final MessageConsumer consumer;
    private volatile MessageListener listener;
    /** Fallback only: a message refused by receiveBody that the classic consumer already acknowledged. */
    private Message refused;

    TernJMSConsumer(TernJMSContext context, MessageConsumer consumer) {
        this.context = context;
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return call(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        run(consumer::getMessageListener); // the classic consumer's closed check
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        run(() -> consumer.setMessageListener(listener == null ? null : context.messageListenerOf(listener)));
        this.listener = listener;
        if (listener != null && refused != null) {
            LOG.warn("TERN-CTX-001 a message refused by receiveBody is dropped because a MessageListener was set");
            refused = null;
        }
    }

    @Override
    public Message receive() {
        return receiveAny(WAIT_FOREVER);
    }

    @Override
    public Message receive(long timeout) {
        return receiveAny(timeout < 0 ? NO_WAIT : timeout);
    }

    @Override
    public Message receiveNoWait() {
        return receiveAny(NO_WAIT);
    }

    private Message receiveAny(long timeout) {
        Message message = takeRefused();
        if (message == null) {
            message = receiveWithin(timeout);
        }
        context.consumed(message);
        return message;
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return receiveBody(c, WAIT_FOREVER);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return receiveBodyWithin(c, NO_WAIT);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return receiveBodyWithin(c, timeout < 0 ? NO_WAIT : timeout);
    }

    private <T> T receiveBodyWithin(Class<T> type, long timeout) {
        BodyReader<T> reader = message -> bodyOf(message, type);
        if (!acknowledgesAutomatically()) {
            // CLIENT_ACKNOWLEDGE and transacted: a refused message counts as delivered.
            Message message = receiveWithin(timeout);
            context.consumed(message);
            return message == null ? null : call(() -> reader.read(message));
        }
        if (consumer instanceof BodyReceiver receiver) {
            return call(() -> receiver.receiveAndRead(timeout, reader));
        }
        Message message = takeRefused();
        if (message == null) {
            message = receiveWithin(timeout);
        }
        if (message == null) {
            return null;
        }
        try {
            return reader.read(message);
        } catch (JMSException e) {
            refused = message;
            throw JmsExceptions.toRuntime(e);
        }
    }

    private Message receiveWithin(long timeout) {
        if (timeout == NO_WAIT) {
            return call(consumer::receiveNoWait);
        }
        if (timeout == WAIT_FOREVER) {
            return call(consumer::receive);
        }
        return call(() -> consumer.receive(timeout));
    }

    private boolean acknowledgesAutomatically() {
        int mode = context.getSessionMode();
        return mode == JMSContext.AUTO_ACKNOWLEDGE || mode == JMSContext.DUPS_OK_ACKNOWLEDGE;
    }

    private Message takeRefused() {
        Message message = refused;
        if (message != null) {
            context.checkOpen();
            refused = null;
        }
        return message;
    }

    /**
     * The body receiveBody returns: only text, map, bytes and object messages have one it may return,
     * and a message without a body is refused too (MessageFormatException, as the javadoc says).
     */
    static <T> T bodyOf(Message message, Class<T> type) throws JMSException {
        boolean supported = message instanceof TextMessage || message instanceof MapMessage
                || message instanceof BytesMessage || message instanceof ObjectMessage;
        if (!supported) {
            throw new MessageFormatException(
                    "receiveBody returns only the body of a text, map, bytes or object message");
        }
        T body = message.getBody(type);
        if (body == null) {
            throw new MessageFormatException("receiveBody: the message has no body");
        }
        return body;
    }

    @Override
    public void close() {
        run(consumer::close);
        if (refused != null) {
            LOG.warn("TERN-CTX-002 a message refused by receiveBody is dropped: its JMSConsumer was closed");
            refused = null;
        }
    }
}
