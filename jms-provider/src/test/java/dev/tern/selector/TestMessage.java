package dev.tern.selector;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/** A plain Message: a map of properties plus header fields, with no body. Independent of other packages. */
class TestMessage implements Message {

    private final Map<String, Object> properties = new HashMap<>();
    private String messageId;
    private long timestamp;
    private String correlationId;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;

    /** Fluent property setter for tests; stores the value exactly as given (any type). */
    TestMessage with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    @Override public String getJMSMessageID() { return messageId; }
    @Override public void setJMSMessageID(String id) { messageId = id; }
    @Override public long getJMSTimestamp() { return timestamp; }
    @Override public void setJMSTimestamp(long timestamp) { this.timestamp = timestamp; }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationID) {
        correlationId = correlationID == null ? null : new String(correlationID, StandardCharsets.UTF_8);
    }

    @Override public void setJMSCorrelationID(String correlationID) { correlationId = correlationID; }
    @Override public String getJMSCorrelationID() { return correlationId; }
    @Override public Destination getJMSReplyTo() { return replyTo; }
    @Override public void setJMSReplyTo(Destination replyTo) { this.replyTo = replyTo; }
    @Override public Destination getJMSDestination() { return destination; }
    @Override public void setJMSDestination(Destination destination) { this.destination = destination; }
    @Override public int getJMSDeliveryMode() { return deliveryMode; }
    @Override public void setJMSDeliveryMode(int deliveryMode) { this.deliveryMode = deliveryMode; }
    @Override public boolean getJMSRedelivered() { return redelivered; }
    @Override public void setJMSRedelivered(boolean redelivered) { this.redelivered = redelivered; }
    @Override public String getJMSType() { return type; }
    @Override public void setJMSType(String type) { this.type = type; }
    @Override public long getJMSExpiration() { return expiration; }
    @Override public void setJMSExpiration(long expiration) { this.expiration = expiration; }
    @Override public long getJMSDeliveryTime() { return deliveryTime; }
    @Override public void setJMSDeliveryTime(long deliveryTime) { this.deliveryTime = deliveryTime; }
    @Override public int getJMSPriority() throws JMSException { return priority; }
    @Override public void setJMSPriority(int priority) { this.priority = priority; }

    @Override public void clearProperties() { properties.clear(); }
    @Override public boolean propertyExists(String name) { return properties.containsKey(name); }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        Object v = properties.get(name);
        if (v == null || v instanceof String) {
            return Boolean.parseBoolean((String) v);
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new MessageFormatException(name + " is not a boolean");
    }

    @Override public byte getByteProperty(String name) throws JMSException { return (byte) integral(name, 1); }
    @Override public short getShortProperty(String name) throws JMSException { return (short) integral(name, 2); }
    @Override public int getIntProperty(String name) throws JMSException { return (int) integral(name, 4); }
    @Override public long getLongProperty(String name) throws JMSException { return integral(name, 8); }

    private long integral(String name, int maxBytes) throws JMSException {
        Object v = properties.get(name);
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new MessageFormatException(name + " is not a number");
            }
        }
        int bytes = v instanceof Byte ? 1 : v instanceof Short ? 2 : v instanceof Integer ? 4 : v instanceof Long ? 8 : 0;
        if (bytes == 0 || bytes > maxBytes) {
            throw new MessageFormatException(name + " cannot be read as a " + maxBytes + "-byte integer");
        }
        return ((Number) v).longValue();
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        Object v = properties.get(name);
        if (v instanceof Float f) {
            return f;
        }
        if (v instanceof String s) {
            return Float.parseFloat(s);
        }
        throw new MessageFormatException(name + " is not a float");
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        Object v = properties.get(name);
        if (v instanceof Float || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String s) {
            return Double.parseDouble(s);
        }
        throw new MessageFormatException(name + " is not a double");
    }

    @Override
    public String getStringProperty(String name) {
        Object v = properties.get(name);
        return v == null ? null : v.toString();
    }

    @Override
    public Object getObjectProperty(String name) throws JMSException {
        return properties.get(name);
    }

    @Override
    public Enumeration<?> getPropertyNames() {
        return Collections.enumeration(properties.keySet());
    }

    @Override public void setBooleanProperty(String name, boolean value) { properties.put(name, value); }
    @Override public void setByteProperty(String name, byte value) { properties.put(name, value); }
    @Override public void setShortProperty(String name, short value) { properties.put(name, value); }
    @Override public void setIntProperty(String name, int value) { properties.put(name, value); }
    @Override public void setLongProperty(String name, long value) { properties.put(name, value); }
    @Override public void setFloatProperty(String name, float value) { properties.put(name, value); }
    @Override public void setDoubleProperty(String name, double value) { properties.put(name, value); }
    @Override public void setStringProperty(String name, String value) { properties.put(name, value); }
    @Override public void setObjectProperty(String name, Object value) { properties.put(name, value); }

    @Override public void acknowledge() { }
    @Override public void clearBody() { }

    @Override
    public <T> T getBody(Class<T> c) {
        return null; // this message has no body
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return true; // no body: assignable to anything
    }
}
