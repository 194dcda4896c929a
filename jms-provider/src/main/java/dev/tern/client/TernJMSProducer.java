package dev.tern.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static dev.tern.client.JmsExceptions.call;
import static dev.tern.client.JmsExceptions.run;

/**
 * The simplified API's producer: send options, headers and properties kept here and applied to each
 * message it sends through its context's shared classic producer.
 *
 * <p>Properties live in an unsent message made by the context's session, so names, value types and
 * conversions follow exactly the rules of Tern's messages.
 */
public final class TernJMSProducer implements JMSProducer {

    private final TernJMSContext context;
    private final Message properties;
    private final Set<String> propertyNames = new PropertyNames();

    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageID;
    private boolean disableMessageTimestamp;
    private CompletionListener completionListener;

    private String correlationID;
    private byte[] correlationIDBytes;
    private String type;
    private Destination replyTo;

    /** {@code propertyHolder}: a fresh message of the context's session, never sent, that holds the properties. */
    TernJMSProducer(TernJMSContext context, Message propertyHolder) {
        this.context = context;
        this.properties = propertyHolder;
    }

    // ---------------------------------------------------------------- send

    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) {
            throw new MessageFormatRuntimeException("message is null");
        }
        requireDestination(destination);
        run(() -> applyHeadersAndProperties(message));
        context.send(destination, message, options(), completionListener);
        return this;
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        requireDestination(destination);
        return send(destination, context.createTextMessage(body));
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        requireDestination(destination);
        MapMessage message = context.createMapMessage();
        if (body != null) {
            run(() -> {
                for (Map.Entry<String, Object> entry : body.entrySet()) {
                    message.setObject(entry.getKey(), entry.getValue());
                }
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        requireDestination(destination);
        BytesMessage message = context.createBytesMessage();
        if (body != null) {
            run(() -> message.writeBytes(body));
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        requireDestination(destination);
        return send(destination, context.createObjectMessage(body));
    }

    private static void requireDestination(Destination destination) {
        if (destination == null) {
            throw new InvalidDestinationRuntimeException("destination is null");
        }
    }

    /** Headers set here override the message's; properties set here are added to or replace the message's. */
    private void applyHeadersAndProperties(Message message) throws JMSException {
        if (correlationIDBytes != null) {
            message.setJMSCorrelationIDAsBytes(correlationIDBytes);
        } else if (correlationID != null) {
            message.setJMSCorrelationID(correlationID);
        }
        if (type != null) {
            message.setJMSType(type);
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
        for (String name : currentPropertyNames()) {
            message.setObjectProperty(name, properties.getObjectProperty(name));
        }
    }

    private TernJMSContext.SendOptions options() {
        return new TernJMSContext.SendOptions(deliveryMode, priority, timeToLive, deliveryDelay,
                disableMessageID, disableMessageTimestamp);
    }

    // ---------------------------------------------------------------- send options

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        disableMessageID = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return disableMessageID;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        disableMessageTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return disableMessageTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSRuntimeException("invalid delivery mode " + deliveryMode);
        }
        this.deliveryMode = deliveryMode;
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public JMSProducer setPriority(int priority) {
        if (priority < 0 || priority > 9) {
            throw new JMSRuntimeException("invalid priority " + priority + " (0 to 9)");
        }
        this.priority = priority;
        return this;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        this.timeToLive = timeToLive;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        this.deliveryDelay = deliveryDelay;
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return deliveryDelay;
    }

    @Override
    public JMSProducer setAsync(CompletionListener completionListener) {
        this.completionListener = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return completionListener;
    }

    // ---------------------------------------------------------------- headers

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationIDBytes = correlationID == null ? null : correlationID.clone();
        this.correlationID = null;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIDBytes != null) {
            return correlationIDBytes.clone();
        }
        return correlationID == null ? null : correlationID.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        this.correlationID = correlationID;
        this.correlationIDBytes = null;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        if (correlationIDBytes != null) {
            return new String(correlationIDBytes, StandardCharsets.UTF_8);
        }
        return correlationID;
    }

    @Override
    public JMSProducer setJMSType(String type) {
        this.type = type;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    // ---------------------------------------------------------------- properties

    @Override
    public JMSProducer clearProperties() {
        run(properties::clearProperties);
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return call(() -> properties.propertyExists(name));
    }

    @Override
    public Set<String> getPropertyNames() {
        return propertyNames;
    }

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        requireName(name);
        run(() -> properties.setBooleanProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        requireName(name);
        run(() -> properties.setByteProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        requireName(name);
        run(() -> properties.setShortProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        requireName(name);
        run(() -> properties.setIntProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        requireName(name);
        run(() -> properties.setLongProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        requireName(name);
        run(() -> properties.setFloatProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        requireName(name);
        run(() -> properties.setDoubleProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        requireName(name);
        run(() -> properties.setStringProperty(name, value));
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        requireName(name);
        run(() -> properties.setObjectProperty(name, value));
        return this;
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be null or empty");
        }
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return call(() -> properties.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return call(() -> properties.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return call(() -> properties.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return call(() -> properties.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return call(() -> properties.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return call(() -> properties.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return call(() -> properties.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return call(() -> properties.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return call(() -> properties.getObjectProperty(name));
    }

    private Set<String> currentPropertyNames() {
        Enumeration<?> names = call(properties::getPropertyNames);
        Set<String> result = new LinkedHashSet<>();
        while (names.hasMoreElements()) {
            result.add((String) names.nextElement());
        }
        return result;
    }

    /** The unmodifiable, live view of the property names that {@link #getPropertyNames()} must return. */
    private final class PropertyNames extends AbstractSet<String> {
        @Override
        public Iterator<String> iterator() {
            return Collections.unmodifiableSet(currentPropertyNames()).iterator();
        }

        @Override
        public int size() {
            return currentPropertyNames().size();
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof String name && propertyExists(name);
        }
    }
}
