package dev.tern.message;

import dev.tern.message.ConversionTable.Kind;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class TernMapMessageTest {

    static Stream<Arguments> everyCell() {
        return ConversionTable.cells(ConversionTable.ALL_KINDS);
    }

    /** Every cell of the MapMessage table, on a new message and on a received one. */
    @ParameterizedTest(name = "{0} read as {1}, received={2}")
    @MethodSource("everyCell")
    void conversionTable(Kind written, Kind readAs, boolean received) throws JMSException {
        Object value = ConversionTable.valueToWrite(written, readAs);
        TernMapMessage m = new TernMapMessage();
        set(m, written, value);
        MapMessage r = received ? TestMessages.received(m) : m;
        if (!ConversionTable.readable(written, readAs)) {
            assertThrows(MessageFormatException.class, () -> get(r, readAs));
        } else if (readAs == Kind.BYTES) {
            assertArrayEquals((byte[]) value, (byte[]) get(r, readAs));
        } else {
            assertEquals(ConversionTable.expected(value, readAs), get(r, readAs));
        }
    }

    @Test
    void missingEntries() throws JMSException {
        TernMapMessage m = new TernMapMessage();
        assertFalse(m.getBoolean("x"));
        assertThrows(NumberFormatException.class, () -> m.getInt("x"));
        assertThrows(NumberFormatException.class, () -> m.getLong("x"));
        assertThrows(NullPointerException.class, () -> m.getDouble("x"));
        assertThrows(NullPointerException.class, () -> m.getChar("x"));
        assertNull(m.getString("x"));
        assertNull(m.getBytes("x"));
        assertNull(m.getObject("x"));
        assertFalse(m.itemExists("x"));
    }

    @Test
    void namesOrderAndNulls() throws JMSException {
        TernMapMessage m = new TernMapMessage();
        m.setString("b", null);
        m.setInt("a", 1);
        m.setBytes("c", null);
        m.setObject("d", null);
        m.setBytes("e", new byte[] {1, 2, 3, 4}, 1, 2);
        MapMessage r = TestMessages.received(m);
        assertEquals(List.of("b", "a", "c", "d", "e"), Collections.list(r.getMapNames()));
        assertTrue(r.itemExists("b"));
        assertNull(r.getString("b"));
        assertNull(r.getBytes("c"));
        assertNull(r.getObject("d"));
        assertArrayEquals(new byte[] {2, 3}, r.getBytes("e"));
    }

    @Test
    void byteArraysAreCopiedInAndOut() throws JMSException {
        TernMapMessage m = new TernMapMessage();
        byte[] value = {1};
        m.setBytes("b", value);
        m.setObject("o", value);
        value[0] = 9;
        assertEquals(1, m.getBytes("b")[0]);
        m.getBytes("b")[0] = 7;
        ((byte[]) m.getObject("o"))[0] = 7;
        assertEquals(1, m.getBytes("b")[0]);
        assertEquals(1, m.getBytes("o")[0]);
    }

    @Test
    void invalidNamesAndValues() {
        TernMapMessage m = new TernMapMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setInt(null, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setString("", "x"));
        assertThrows(MessageFormatException.class, () -> m.setObject("o", new Object()));
        assertThrows(MessageFormatException.class, () -> m.setObject("o", List.of()));
    }

    @Test
    void readOnlyWhenReceivedUntilClearBody() throws JMSException {
        TernMapMessage m = new TernMapMessage();
        m.setInt("a", 1);
        TernMapMessage r = TestMessages.received(m);
        assertThrows(MessageNotWriteableException.class, () -> r.setInt("b", 2));
        assertThrows(MessageNotWriteableException.class, () -> r.setObject("b", 2));
        assertThrows(MessageNotWriteableException.class, () -> r.setBytes("b", new byte[0]));
        r.clearBody();
        assertFalse(r.itemExists("a"));
        r.setInt("b", 2);
        assertEquals(2, r.getInt("b"));
    }

    static void set(MapMessage m, Kind kind, Object value) throws JMSException {
        switch (kind) {
            case BOOLEAN -> m.setBoolean("v", (Boolean) value);
            case BYTE -> m.setByte("v", (Byte) value);
            case SHORT -> m.setShort("v", (Short) value);
            case CHAR -> m.setChar("v", (Character) value);
            case INT -> m.setInt("v", (Integer) value);
            case LONG -> m.setLong("v", (Long) value);
            case FLOAT -> m.setFloat("v", (Float) value);
            case DOUBLE -> m.setDouble("v", (Double) value);
            case STRING -> m.setString("v", (String) value);
            case BYTES -> m.setBytes("v", (byte[]) value);
        }
    }

    static Object get(MapMessage m, Kind kind) throws JMSException {
        return switch (kind) {
            case BOOLEAN -> m.getBoolean("v");
            case BYTE -> m.getByte("v");
            case SHORT -> m.getShort("v");
            case CHAR -> m.getChar("v");
            case INT -> m.getInt("v");
            case LONG -> m.getLong("v");
            case FLOAT -> m.getFloat("v");
            case DOUBLE -> m.getDouble("v");
            case STRING -> m.getString("v");
            case BYTES -> m.getBytes("v");
        };
    }
}
