package dev.tern.message;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A message whose body is a set of name-value pairs, read with the MapMessage conversion table. */
public class TernMapMessage extends TernMessage implements MapMessage {

    private final Map<String, Object> entries = new LinkedHashMap<>(); // byte[] values are private copies

    public TernMapMessage() {
    }

    // ---- reads

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return ValueConversions.toBoolean(entries.get(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return ValueConversions.toByte(entries.get(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return ValueConversions.toShort(entries.get(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return ValueConversions.toChar(entries.get(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return ValueConversions.toInt(entries.get(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return ValueConversions.toLong(entries.get(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return ValueConversions.toFloat(entries.get(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return ValueConversions.toDouble(entries.get(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return ValueConversions.toText(entries.get(name));
    }

    /** A copy of the array; null if the entry is missing or null. */
    @Override
    public byte[] getBytes(String name) throws JMSException {
        byte[] value = ValueConversions.toBytes(entries.get(name));
        return value == null ? null : value.clone();
    }

    @Override
    public Object getObject(String name) {
        Object value = entries.get(name);
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(entries.keySet().stream().toList());
    }

    @Override
    public boolean itemExists(String name) {
        return entries.containsKey(name);
    }

    // ---- writes

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    /** Copies the array. */
    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        put(name, copy);
    }

    /** The primitive wrappers, String, byte[] (copied) or null; else {@code MessageFormatException}. */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (value != null && !ValueConversions.isBodyValueType(value)) {
            throw new MessageFormatException("a map message cannot hold a " + value.getClass().getName());
        }
        put(name, value instanceof byte[] bytes ? bytes.clone() : value);
    }

    private void put(String name, Object value) throws JMSException {
        checkBodyWritable();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a map entry name cannot be null or empty");
        }
        entries.put(name, value);
    }

    // ---- body plumbing

    /** A copy of the entries (byte[] values copied too), or null when the map is empty. */
    @Override
    Object bodyForGetBody() {
        if (entries.isEmpty()) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>(entries);
        copy.replaceAll((name, value) -> value instanceof byte[] bytes ? bytes.clone() : value);
        return copy;
    }

    @Override
    Class<?> declaredBodyType(Object body) {
        return Map.class;
    }

    @SuppressWarnings("rawtypes")
    @Override
    public boolean isBodyAssignableTo(Class c) {
        return entries.isEmpty() || c.isAssignableFrom(Map.class);
    }

    @Override
    BodyType bodyType() {
        return BodyType.MAP;
    }

    @Override
    void clearBodyContent() {
        entries.clear();
    }

    @Override
    int bodySizeHint() {
        return 5 + 24 * entries.size();
    }

    @Override
    void encodeBody(WireWriter writer) {
        writer.writeVarInt(entries.size());
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            writer.writeString(entry.getKey());
            writer.writeValue(entry.getValue());
        }
    }

    @Override
    void decodeBody(WireReader reader) {
        int count = reader.readCount(2);
        for (int i = 0; i < count; i++) {
            String name = reader.readString();
            if (name == null) {
                throw new IllegalArgumentException("map entry without a name");
            }
            entries.put(name, reader.readValue());
        }
    }

    @Override
    void copyBodyFrom(Message foreign) throws JMSException {
        MapMessage map = (MapMessage) foreign;
        Enumeration<?> names = map.getMapNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            setObject(name, map.getObject(name));
        }
    }
}
