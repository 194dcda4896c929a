package dev.tern.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * A message without a body, and the base of Tern's other message types: headers, properties,
 * read-only state and acknowledgement. Header fields stay writable on received messages (the
 * specification lets clients change them); properties and body become read-only.
 */
public class TernMessage implements Message {

    private String messageId;
    /** A received message's id still as UTF-8 in its encoded bytes (decoded on first use), or null. */
    private byte[] messageIdSource;
    private int messageIdOffset;
    private int messageIdLength;
    /** A sent message's generated id as prefix and number (built into a string on first use), or null. */
    private String generatedIdPrefix;
    private long generatedIdNumber;
    private long timestamp;
    private String correlationId;       // at most one of correlationId and correlationIdBytes is set
    private byte[] correlationIdBytes;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;

    private final MessageProperties properties = new MessageProperties();
    private boolean bodyReadOnly;
    private MessageAcknowledger acknowledger;

    public TernMessage() {
    }

    // ---- headers

    @Override
    public String getJMSMessageID() {
        if (generatedIdPrefix != null) {
            messageId = generatedIdPrefix + generatedIdNumber;
            generatedIdPrefix = null;
        } else if (messageIdSource != null) {
            messageId = new String(messageIdSource, messageIdOffset, messageIdLength, StandardCharsets.UTF_8);
            messageIdSource = null;
        }
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
        this.messageIdSource = null;
        this.generatedIdPrefix = null;
    }

    /**
     * Sets {@code JMSMessageID} to {@code prefix + number} (the id a send assigns) without building
     * the string: the codec writes it from its parts, and {@link #getJMSMessageID()} builds it on
     * first use.
     */
    public void setGeneratedMessageId(String prefix, long number) {
        this.messageId = null;
        this.messageIdSource = null;
        this.generatedIdPrefix = prefix;
        this.generatedIdNumber = number;
    }

    /** Writes {@code JMSMessageID} as the codec's string, from its parts when it was generated. */
    void writeMessageId(WireWriter out) {
        if (generatedIdPrefix != null) {
            out.writeString(generatedIdPrefix, generatedIdNumber);
        } else {
            out.writeString(getJMSMessageID());
        }
    }

    /**
     * Sets {@code JMSMessageID} to the UTF-8 at that place of a received message's bytes, which
     * never change: most consumers never ask for it, so the string is made on first use.
     */
    void setEncodedMessageId(byte[] data, int offset, int length) {
        this.messageId = null;
        this.generatedIdPrefix = null;
        this.messageIdSource = data;
        this.messageIdOffset = offset;
        this.messageIdLength = length;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /** The bytes as set, or the UTF-8 of the string form. */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationID) {
        this.correlationIdBytes = correlationID == null ? null : correlationID.clone();
        this.correlationId = null;
    }

    /** The string as set, or the bytes set with {@link #setJMSCorrelationIDAsBytes} read as UTF-8. */
    @Override
    public String getJMSCorrelationID() {
        if (correlationIdBytes != null) {
            return new String(correlationIdBytes, StandardCharsets.UTF_8);
        }
        return correlationId;
    }

    @Override
    public void setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
        this.correlationIdBytes = null;
    }

    /** The correlation id as the codec stores it: a String, a byte[] or null. */
    Object rawCorrelationId() {
        return correlationIdBytes != null ? correlationIdBytes : correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int priority) {
        this.priority = priority;
    }

    // ---- properties

    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return ValueConversions.toBoolean(properties.get(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return ValueConversions.toByte(properties.get(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return ValueConversions.toShort(properties.get(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return ValueConversions.toInt(properties.get(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return ValueConversions.toLong(properties.get(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return ValueConversions.toFloat(properties.get(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return ValueConversions.toDouble(properties.get(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return ValueConversions.toText(properties.get(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    /** All property names, {@code JMSXDeliveryCount} included on received messages; a snapshot. */
    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    /** Boolean, Byte, Short, Integer, Long, Float, Double or String (or null); else {@code MessageFormatException}. */
    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        properties.set(name, value);
    }

    MessageProperties properties() {
        return properties;
    }

    /**
     * Records how many times the message has been delivered (1 = first time), as the provider must
     * on a received message: sets {@code JMSXDeliveryCount} and {@code JMSRedelivered = count > 1},
     * whether or not the properties are read-only.
     */
    public void setDeliveryCount(int count) {
        properties.setDeliveryCount(count);
        redelivered = count > 1;
    }

    // ---- body and state

    /** Makes the properties and the body read-only (as on a received message) or writable again. */
    public void setReadOnly(boolean readOnly) {
        properties.setReadOnly(readOnly);
        setBodyReadOnly(readOnly);
    }

    void setBodyReadOnly(boolean readOnly) {
        bodyReadOnly = readOnly;
        bodyModeChanged(readOnly);
    }

    void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the body of this message is read-only; clearBody() makes it writable");
        }
    }

    /** For the bytes and stream messages, whose body is either written or read. */
    void checkBodyReadable() throws MessageNotReadableException {
        if (!bodyReadOnly) {
            throw new MessageNotReadableException("the body of this message is write-only; reset() makes it readable");
        }
    }

    @Override
    public void clearBody() throws JMSException {
        clearBodyContent();
        bodyReadOnly = false;
    }

    /**
     * The body, for {@link #getBody(Class)}: a copy where the body is mutable, null when there is no body.
     */
    Object bodyForGetBody() throws JMSException {
        return null;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Object body = bodyForGetBody();
        if (body == null) {
            return null;
        }
        if (!c.isAssignableFrom(declaredBodyType(body))) {
            throw new MessageFormatException("the body of a " + getClass().getSimpleName() + " is a "
                    + declaredBodyType(body).getSimpleName() + " and cannot be returned as " + c.getName());
        }
        return c.cast(body);
    }

    /** The type getBody promises for this body: the object's class, but Map for any map. */
    Class<?> declaredBodyType(Object body) {
        return body.getClass();
    }

    @SuppressWarnings("rawtypes")
    @Override
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        return true;
    }

    @Override
    public void acknowledge() throws JMSException {
        MessageAcknowledger current = acknowledger;
        if (current != null) {
            current.acknowledge();
        }
    }

    /** What {@link #acknowledge()} calls; without one, acknowledging does nothing. */
    public void setAcknowledger(MessageAcknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    // ---- what the body types provide

    BodyType bodyType() {
        return BodyType.NONE;
    }

    /** Empties the body; {@link #clearBody()} then makes it writable. */
    void clearBodyContent() {
    }

    /** Lets bytes and stream messages move between their write-only and read-only modes. */
    void bodyModeChanged(boolean readOnly) {
    }

    /** A guess of the encoded body size, so the encoder rarely grows its buffer. */
    int bodySizeHint() {
        return 0;
    }

    void encodeBody(WireWriter writer) {
    }

    /** Reads the body the codec wrote; {@code IllegalArgumentException} when malformed. */
    void decodeBody(WireReader reader) {
    }

    /** Sets this message's body from another provider's message of the same type. */
    void copyBodyFrom(Message foreign) throws JMSException {
    }

    // ---- copies

    /**
     * Tern's copy of a message, for sending another provider's message: headers, properties and
     * body. The copy is writable, with a bytes or stream body in write-only mode. A bytes or stream
     * message of another provider is {@code reset()} to be read, and left reset. A Tern message is
     * copied through the codec, as it would be sent (without {@code JMSRedelivered} and
     * {@code JMSXDeliveryCount}).
     */
    public static TernMessage copyOf(Message foreign) throws JMSException {
        if (foreign instanceof TernMessage tern) {
            TernMessage copy = MessageCodec.decode(MessageCodec.encode(tern));
            copy.setReadOnly(false);
            return copy;
        }
        return ForeignMessageCopy.copy(foreign);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(getClass().getSimpleName())
                .append("[id=").append(getJMSMessageID())
                .append(", destination=").append(destination);
        if (redelivered) {
            text.append(", redelivered");
        }
        return text.append(']').toString();
    }
}
