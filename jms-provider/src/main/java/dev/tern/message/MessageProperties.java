package dev.tern.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The properties of a message: names checked against the selector syntax, values of property types. */
final class MessageProperties {

    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    /** Words of the selector syntax that cannot be identifiers (section 3.8.1.1). */
    private static final Set<String> RESERVED = Set.of(
            "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private Map<String, Object> values; // created on first use: most messages have no properties
    private boolean readOnly;
    /**
     * {@code JMSXDeliveryCount} as the provider set it on a received message (0 = not set): a field,
     * not a map entry, so that a message without properties of its own needs no map. It comes after
     * the other names, as if it had been put last.
     */
    private int deliveryCount;

    Object get(String name) {
        if (deliveryCount != 0 && DELIVERY_COUNT.equals(name)) {
            return deliveryCount;
        }
        return values == null ? null : values.get(name);
    }

    boolean exists(String name) {
        if (deliveryCount != 0 && DELIVERY_COUNT.equals(name)) {
            return true;
        }
        return values != null && values.containsKey(name);
    }

    Enumeration<String> names() {
        if (values == null && deliveryCount == 0) {
            return Collections.emptyEnumeration();
        }
        List<String> names = new ArrayList<>(size());
        if (values != null) {
            names.addAll(values.keySet());
        }
        if (deliveryCount != 0) {
            names.add(DELIVERY_COUNT);
        }
        return Collections.enumeration(names);
    }

    /** The provider's {@code JMSXDeliveryCount} (1 = first delivery), whether read-only or not. */
    void setDeliveryCount(int count) {
        if (values != null) {
            values.remove(DELIVERY_COUNT); // one value under that name: the provider's
        }
        deliveryCount = count;
    }

    /** What the application sets: checked for writability, name and type. */
    void set(String name, Object value) throws MessageNotWriteableException, MessageFormatException {
        if (readOnly) {
            throw new MessageNotWriteableException("the properties of this message are read-only; clearProperties() makes them writable");
        }
        checkName(name);
        if (value != null && !ValueConversions.isPropertyType(value)) {
            throw new MessageFormatException("a property cannot hold a " + value.getClass().getName()
                    + "; only Boolean, Byte, Short, Integer, Long, Float, Double and String");
        }
        if (DELIVERY_COUNT.equals(name)) {
            deliveryCount = 0; // the application's value replaces the provider's
        }
        put(name, value);
    }

    /** What the provider sets (decoding, delivery count): no checks, read-only or not. */
    void put(String name, Object value) {
        if (values == null) {
            values = new LinkedHashMap<>();
        }
        values.put(name, value);
    }

    void clear() {
        values = null;
        deliveryCount = 0;
        readOnly = false;
    }

    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** The properties the codec writes: all but the per-delivery {@code JMSXDeliveryCount}. */
    void encode(WireWriter writer) {
        if (values == null) {
            writer.writeVarInt(0);
            return;
        }
        writer.writeVarInt(values.size() - (values.containsKey(DELIVERY_COUNT) ? 1 : 0));
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!entry.getKey().equals(DELIVERY_COUNT)) {
                writer.writeString(entry.getKey());
                writer.writeValue(entry.getValue());
            }
        }
    }

    void decode(WireReader reader) {
        int count = reader.readCount(2);
        for (int i = 0; i < count; i++) {
            String name = reader.readString();
            if (name == null) {
                throw new IllegalArgumentException("property without a name");
            }
            Object value = reader.readValue();
            if (value != null && !ValueConversions.isPropertyType(value)) {
                throw new IllegalArgumentException("property " + name + " holds a " + ValueConversions.typeName(value));
            }
            put(name, value);
        }
    }

    int size() {
        return (values == null ? 0 : values.size()) + (deliveryCount != 0 ? 1 : 0);
    }

    /**
     * A property name must be a selector identifier: a Java identifier that is not one of the
     * selector's reserved words. {@code IllegalArgumentException} otherwise, as the 2.0 javadoc
     * says for null and empty names.
     */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name cannot be null or empty");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("invalid property name '" + name + "': it must start like a Java identifier");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("invalid property name '" + name + "': it must be a Java identifier");
            }
        }
        if (name.length() <= 7 && RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("invalid property name '" + name + "': reserved word of the selector syntax");
        }
    }
}
