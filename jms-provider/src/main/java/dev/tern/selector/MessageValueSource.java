package dev.tern.selector;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads selector values through the {@link Message} interface only, so any Message implementation works. */
final class MessageValueSource implements ValueSource {

    private static final Logger LOG = LoggerFactory.getLogger(MessageValueSource.class);

    private final Message message;

    MessageValueSource(Message message) {
        this.message = message;
    }

    @Override
    public Object property(String name) {
        try {
            return message.getObjectProperty(name);
        } catch (JMSException | RuntimeException e) {
            // The selector contract: a value that cannot be read is NULL, never an error.
            LOG.debug("Selector reads property {} as NULL: {}", name, e.toString());
            return null;
        }
    }

    @Override
    public Object header(HeaderField field) {
        try {
            return switch (field) {
                case DELIVERY_MODE -> HeaderField.deliveryModeName(message.getJMSDeliveryMode());
                case PRIORITY -> message.getJMSPriority();
                case MESSAGE_ID -> message.getJMSMessageID();
                case TIMESTAMP -> message.getJMSTimestamp();
                case CORRELATION_ID -> message.getJMSCorrelationID();
                case TYPE -> message.getJMSType();
            };
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Selector reads header {} as NULL: {}", field.identifier(), e.toString());
            return null;
        }
    }
}
