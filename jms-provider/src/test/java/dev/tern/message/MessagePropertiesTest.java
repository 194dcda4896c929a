package dev.tern.message;

import dev.tern.message.ConversionTable.Kind;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class MessagePropertiesTest {

    static Stream<Arguments> everyCell() {
        return ConversionTable.cells(ConversionTable.PROPERTY_KINDS);
    }

    /** Every cell of the table of section 3.5.4, on a new message and on a received one. */
    @ParameterizedTest(name = "{0} read as {1}, received={2}")
    @MethodSource("everyCell")
    void conversionTable(Kind written, Kind readAs, boolean received) throws JMSException {
        Object value = ConversionTable.valueToWrite(written, readAs);
        TernMessage message = new TernMessage();
        set(message, written, "p", value);
        if (received) {
            message = TestMessages.received(message);
        }
        Message m = message;
        if (ConversionTable.readable(written, readAs)) {
            assertEquals(ConversionTable.expected(value, readAs), get(m, readAs, "p"));
        } else {
            assertThrows(MessageFormatException.class, () -> get(m, readAs, "p"));
        }
        assertEquals(value, m.getObjectProperty("p"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BYTE", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE"})
    void unparsableStringIsNumberFormatException(String kind) throws JMSException {
        TernMessage m = new TernMessage();
        m.setStringProperty("p", "not a number");
        assertThrows(NumberFormatException.class, () -> get(m, Kind.valueOf(kind), "p"));
    }

    @Test
    void stringReadAsBooleanIsFalseUnlessTrue() throws JMSException {
        TernMessage m = new TernMessage();
        m.setStringProperty("p", "yes");
        assertFalse(m.getBooleanProperty("p"));
        m.setStringProperty("p", "TRUE");
        assertTrue(m.getBooleanProperty("p"));
    }

    /** A missing property reads as valueOf(null): false, NumberFormatException, or NullPointerException for float/double. */
    @Test
    void missingProperty() throws JMSException {
        TernMessage m = new TernMessage();
        assertFalse(m.getBooleanProperty("missing"));
        assertThrows(NumberFormatException.class, () -> m.getByteProperty("missing"));
        assertThrows(NumberFormatException.class, () -> m.getShortProperty("missing"));
        assertThrows(NumberFormatException.class, () -> m.getIntProperty("missing"));
        assertThrows(NumberFormatException.class, () -> m.getLongProperty("missing"));
        assertThrows(NullPointerException.class, () -> m.getFloatProperty("missing"));
        assertThrows(NullPointerException.class, () -> m.getDoubleProperty("missing"));
        assertNull(m.getStringProperty("missing"));
        assertNull(m.getObjectProperty("missing"));
        assertFalse(m.propertyExists("missing"));
    }

    @Test
    void nullStringPropertyExistsAndReadsAsMissing() throws JMSException {
        TernMessage m = new TernMessage();
        m.setStringProperty("s", null);
        TernMessage r = TestMessages.received(m);
        assertTrue(r.propertyExists("s"));
        assertNull(r.getStringProperty("s"));
        assertThrows(NumberFormatException.class, () -> r.getIntProperty("s"));
    }

    @Test
    void objectPropertyAcceptsOnlyWrappersAndString() throws JMSException {
        TernMessage m = new TernMessage();
        for (Kind kind : ConversionTable.PROPERTY_KINDS) {
            m.setObjectProperty("k" + kind.ordinal(), ConversionTable.sample(kind));
        }
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("c", 'c'));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("b", new byte[1]));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("o", new Object()));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("l", List.of()));
        assertEquals(ConversionTable.PROPERTY_KINDS.size(), Collections.list(m.getPropertyNames()).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL", "true", "False", "NOT", "and", "OR", "BETWEEN", "like", "IN", "is", "Escape",
            "1abc", "a-b", "a b", "a.b", "é-"})
    void invalidNamesAreRejected(String name) {
        TernMessage m = new TernMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty(name, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setObjectProperty(name, "x"));
    }

    @Test
    void nullAndEmptyNamesAreIllegalArguments() {
        TernMessage m = new TernMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setStringProperty(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> m.setStringProperty("", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.setBooleanProperty("", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "$y", "JMSXGroupID", "JMS_vendor", "nullable", "Inside", "été", "isX"})
    void validNamesAreAccepted(String name) throws JMSException {
        TernMessage m = new TernMessage();
        m.setIntProperty(name, 1);
        assertEquals(1, m.getIntProperty(name));
    }

    @Test
    void propertyNamesAndClearProperties() throws JMSException {
        TernMessage m = new TernMessage();
        m.setIntProperty("a", 1);
        m.setStringProperty("b", "x");
        assertEquals(List.of("a", "b"), Collections.list(m.getPropertyNames()));
        TernMessage r = TestMessages.received(m);
        assertEquals(List.of("a", "b"), Collections.list(r.getPropertyNames()));
        assertThrows(MessageNotWriteableException.class, () -> r.setIntProperty("c", 1));
        r.clearProperties();
        assertFalse(r.getPropertyNames().hasMoreElements());
        assertFalse(r.propertyExists("a"));
        r.setIntProperty("c", 3); // writable again
        assertEquals(3, r.getIntProperty("c"));
    }

    @Test
    void receivedPropertiesAreReadOnlyForEverySetter() throws JMSException {
        TernMessage m = new TernMessage();
        m.setIntProperty("a", 1);
        TernMessage r = TestMessages.received(m);
        assertThrows(MessageNotWriteableException.class, () -> r.setBooleanProperty("a", true));
        assertThrows(MessageNotWriteableException.class, () -> r.setByteProperty("a", (byte) 1));
        assertThrows(MessageNotWriteableException.class, () -> r.setShortProperty("a", (short) 1));
        assertThrows(MessageNotWriteableException.class, () -> r.setIntProperty("a", 1));
        assertThrows(MessageNotWriteableException.class, () -> r.setLongProperty("a", 1));
        assertThrows(MessageNotWriteableException.class, () -> r.setFloatProperty("a", 1));
        assertThrows(MessageNotWriteableException.class, () -> r.setDoubleProperty("a", 1));
        assertThrows(MessageNotWriteableException.class, () -> r.setStringProperty("a", "x"));
        assertThrows(MessageNotWriteableException.class, () -> r.setObjectProperty("a", 1));
        assertEquals(1, r.getIntProperty("a"));
    }

    @Test
    void deliveryCountIsAPropertyOfTheReceivedMessageOnly() throws JMSException {
        TernMessage m = new TernMessage();
        m.setIntProperty("a", 1);
        TernMessage r = TestMessages.received(m);
        r.setDeliveryCount(1);
        assertEquals(1, r.getIntProperty("JMSXDeliveryCount"));
        assertFalse(r.getJMSRedelivered());
        r.setDeliveryCount(3);
        assertEquals(3, r.getIntProperty("JMSXDeliveryCount"));
        assertEquals(3L, r.getLongProperty("JMSXDeliveryCount"));
        assertTrue(r.getJMSRedelivered());
        assertTrue(r.propertyExists("JMSXDeliveryCount"));
        assertEquals(List.of("a", "JMSXDeliveryCount"), Collections.list(r.getPropertyNames()));

        TernMessage again = TestMessages.received(r); // per delivery: not encoded
        assertFalse(again.propertyExists("JMSXDeliveryCount"));
        assertFalse(again.getJMSRedelivered());
        assertEquals(1, again.getIntProperty("a"));
    }

    static void set(Message m, Kind kind, String name, Object value) throws JMSException {
        switch (kind) {
            case BOOLEAN -> m.setBooleanProperty(name, (Boolean) value);
            case BYTE -> m.setByteProperty(name, (Byte) value);
            case SHORT -> m.setShortProperty(name, (Short) value);
            case INT -> m.setIntProperty(name, (Integer) value);
            case LONG -> m.setLongProperty(name, (Long) value);
            case FLOAT -> m.setFloatProperty(name, (Float) value);
            case DOUBLE -> m.setDoubleProperty(name, (Double) value);
            case STRING -> m.setStringProperty(name, (String) value);
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    static Object get(Message m, Kind kind, String name) throws JMSException {
        return switch (kind) {
            case BOOLEAN -> m.getBooleanProperty(name);
            case BYTE -> m.getByteProperty(name);
            case SHORT -> m.getShortProperty(name);
            case INT -> m.getIntProperty(name);
            case LONG -> m.getLongProperty(name);
            case FLOAT -> m.getFloatProperty(name);
            case DOUBLE -> m.getDoubleProperty(name);
            case STRING -> m.getStringProperty(name);
            default -> throw new IllegalArgumentException(kind.name());
        };
    }
}
