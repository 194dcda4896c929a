package dev.tern.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** PLACEHOLDER until branch {@code messages} lands: headers and properties, no conversions beyond strings. */
public class TernMessage implements Message {

    private final Map<String, Object> properties = new LinkedHashMap<>();
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
    private int priority = 4;

    @Override public String getJMSMessageID() { return messageId; }
    @Override public void setJMSMessageID(String id) { messageId = id; }
    @Override public long getJMSTimestamp() { return timestamp; }
    @Override public void setJMSTimestamp(long t) { timestamp = t; }
    @Override public byte[] getJMSCorrelationIDAsBytes() {
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }
    @Override public void setJMSCorrelationIDAsBytes(byte[] id) {
        correlationId = id == null ? null : new String(id, StandardCharsets.UTF_8);
    }
    @Override public void setJMSCorrelationID(String id) { correlationId = id; }
    @Override public String getJMSCorrelationID() { return correlationId; }
    @Override public Destination getJMSReplyTo() { return replyTo; }
    @Override public void setJMSReplyTo(Destination d) { replyTo = d; }
    @Override public Destination getJMSDestination() { return destination; }
    @Override public void setJMSDestination(Destination d) { destination = d; }
    @Override public int getJMSDeliveryMode() { return deliveryMode; }
    @Override public void setJMSDeliveryMode(int m) { deliveryMode = m; }
    @Override public boolean getJMSRedelivered() { return redelivered; }
    @Override public void setJMSRedelivered(boolean r) { redelivered = r; }
    @Override public String getJMSType() { return type; }
    @Override public void setJMSType(String t) { type = t; }
    @Override public long getJMSExpiration() { return expiration; }
    @Override public void setJMSExpiration(long e) { expiration = e; }
    @Override public long getJMSDeliveryTime() { return deliveryTime; }
    @Override public void setJMSDeliveryTime(long t) { deliveryTime = t; }
    @Override public int getJMSPriority() { return priority; }
    @Override public void setJMSPriority(int p) { priority = p; }
    @Override public void clearProperties() { properties.clear(); }
    @Override public boolean propertyExists(String name) { return properties.containsKey(name); }
    @Override public boolean getBooleanProperty(String name) { return Boolean.parseBoolean(String.valueOf(properties.get(name))); }
    @Override public byte getByteProperty(String name) throws JMSException { return (byte) number(name).intValue(); }
    @Override public short getShortProperty(String name) throws JMSException { return (short) number(name).intValue(); }
    @Override public int getIntProperty(String name) throws JMSException { return number(name).intValue(); }
    @Override public long getLongProperty(String name) throws JMSException { return number(name).longValue(); }
    @Override public float getFloatProperty(String name) throws JMSException { return number(name).floatValue(); }
    @Override public double getDoubleProperty(String name) throws JMSException { return number(name).doubleValue(); }
    @Override public String getStringProperty(String name) {
        Object v = properties.get(name);
        return v == null ? null : v.toString();
    }
    @Override public Object getObjectProperty(String name) { return properties.get(name); }
    @Override public Enumeration<?> getPropertyNames() { return Collections.enumeration(properties.keySet()); }
    @Override public void setBooleanProperty(String name, boolean v) { properties.put(name, v); }
    @Override public void setByteProperty(String name, byte v) { properties.put(name, (int) v); }
    @Override public void setShortProperty(String name, short v) { properties.put(name, (int) v); }
    @Override public void setIntProperty(String name, int v) { properties.put(name, v); }
    @Override public void setLongProperty(String name, long v) { properties.put(name, v); }
    @Override public void setFloatProperty(String name, float v) { properties.put(name, (double) v); }
    @Override public void setDoubleProperty(String name, double v) { properties.put(name, v); }
    @Override public void setStringProperty(String name, String v) { properties.put(name, v); }
    @Override public void setObjectProperty(String name, Object v) { properties.put(name, v); }
    @Override public void acknowledge() { }
    @Override public void clearBody() { }
    @Override public <T> T getBody(Class<T> c) { return null; }
    @Override public boolean isBodyAssignableTo(Class c) { return true; }

    private Number number(String name) throws JMSException {
        Object v = properties.get(name);
        if (v instanceof Number n) {
            return n;
        }
        if (v instanceof String s) {
            return Double.valueOf(s);
        }
        throw new MessageFormatException("not a number: " + name);
    }
}
