package dev.tern.message;

import dev.tern.message.ConversionTable.Kind;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class TernStreamMessageTest {

    static Stream<Arguments> everyCell() {
        return ConversionTable.cells(ConversionTable.ALL_KINDS);
    }

    /**
     * Every cell of the StreamMessage table; a refused conversion throws MessageFormatException
     * and leaves the field to be read again as its own type.
     */
    @ParameterizedTest(name = "{0} read as {1}, received={2}")
    @MethodSource("everyCell")
    void conversionTable(Kind written, Kind readAs, boolean received) throws JMSException {
        Object value = ConversionTable.valueToWrite(written, readAs);
        TernStreamMessage m = new TernStreamMessage();
        write(m, written, value);
        m.writeInt(99);
        if (received) {
            m = TestMessages.received(m);
        } else {
            m.reset();
        }
        StreamMessage s = m;
        if (ConversionTable.readable(written, readAs)) {
            Object read = read(s, readAs);
            if (readAs == Kind.BYTES) {
                assertArrayEquals((byte[]) value, (byte[]) read);
            } else {
                assertEquals(ConversionTable.expected(value, readAs), read);
            }
        } else {
            assertThrows(MessageFormatException.class, () -> read(s, readAs));
            Object again = s.readObject();
            if (value instanceof byte[] bytes) {
                assertArrayEquals(bytes, (byte[]) again);
            } else {
                assertEquals(value, again);
            }
        }
        assertEquals(99, s.readInt());
        assertThrows(MessageEOFException.class, s::readInt);
    }

    @Test
    void numberFormatExceptionDoesNotMove() throws JMSException {
        TernStreamMessage m = new TernStreamMessage();
        m.writeString("abc");
        m.reset();
        assertThrows(NumberFormatException.class, m::readInt);
        assertFalse(m.readBoolean()); // "abc" as boolean
        assertThrows(MessageEOFException.class, m::readString);
    }

    @Test
    void nullFieldReadsAsValueOfNull() throws JMSException {
        TernStreamMessage m = new TernStreamMessage();
        m.writeObject(null);
        m.writeObject(null);
        m.writeObject(null);
        m.writeString(null);
        m.writeBytes(null);
        TernStreamMessage r = TestMessages.received(m);
        // failed reads do not move: all of these look at the first field
        assertThrows(NumberFormatException.class, r::readByte);
        assertThrows(NumberFormatException.class, r::readShort);
        assertThrows(NumberFormatException.class, r::readInt);
        assertThrows(NumberFormatException.class, r::readLong);
        assertThrows(NullPointerException.class, r::readFloat);
        assertThrows(NullPointerException.class, r::readDouble);
        assertThrows(NullPointerException.class, r::readChar);
        assertFalse(r.readBoolean());
        assertNull(r.readString());
        assertNull(r.readObject());
        assertNull(r.readString());
        assertEquals(-1, r.readBytes(new byte[3]));
        assertThrows(MessageEOFException.class, r::readObject);
    }

    @Test
    void readBytesInPiecesAndTheCompletionRule() throws JMSException {
        TernStreamMessage m = new TernStreamMessage();
        m.writeBytes(new byte[] {1, 2, 3, 4, 5});
        m.writeBytes(new byte[] {6, 7});
        m.writeBytes(new byte[0]);
        m.writeBytes(new byte[] {9, 8, 7, 6}, 1, 2);
        m.writeString("end");
        m.reset();

        byte[] two = new byte[2];
        assertEquals(2, m.readBytes(two));
        // a field partly read must be finished before anything else is read
        assertThrows(MessageFormatException.class, m::readString);
        assertThrows(MessageFormatException.class, m::readObject);
        assertEquals(2, m.readBytes(two));
        assertArrayEquals(new byte[] {3, 4}, two);
        assertEquals(1, m.readBytes(two)); // less than the buffer: field done
        assertEquals(5, two[0]);

        assertEquals(2, m.readBytes(two)); // exactly the buffer: one more call returns -1
        assertArrayEquals(new byte[] {6, 7}, two);
        assertThrows(MessageFormatException.class, m::readString);
        assertEquals(-1, m.readBytes(two));

        assertEquals(0, m.readBytes(two)); // empty field
        assertArrayEquals(new byte[] {8, 7}, (byte[]) m.readObject());
        assertThrows(MessageFormatException.class, () -> m.readBytes(two)); // a String is not byte[]
        assertEquals("end", m.readString());
        assertThrows(MessageEOFException.class, () -> m.readBytes(two));
    }

    @Test
    void writtenByteArraysAreCopied() throws JMSException {
        TernStreamMessage m = new TernStreamMessage();
        byte[] value = {1};
        m.writeBytes(value);
        m.writeObject(value);
        value[0] = 2;
        m.reset();
        byte[] read = (byte[]) m.readObject();
        assertEquals(1, read[0]);
        read[0] = 3;
        assertEquals(1, ((byte[]) m.readObject())[0]);
    }

    @Test
    void modes() throws JMSException {
        TernStreamMessage m = new TernStreamMessage();
        m.writeInt(1);
        assertThrows(MessageNotReadableException.class, m::readInt);
        assertThrows(MessageNotReadableException.class, () -> m.readBytes(new byte[1]));
        m.reset();
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(2));
        assertEquals(1, m.readInt());
        m.reset();
        assertEquals(1, m.readInt());
        m.clearBody();
        assertThrows(MessageNotReadableException.class, m::readInt);
        m.writeInt(3);
        m.reset();
        assertEquals(3, m.readInt());
        assertThrows(MessageEOFException.class, m::readInt);
    }

    @Test
    void writeObjectRejectsOtherTypes() {
        TernStreamMessage m = new TernStreamMessage();
        assertThrows(MessageFormatException.class, () -> m.writeObject(new Object()));
        assertThrows(MessageFormatException.class, () -> m.writeObject(List.of()));
    }

    static void write(StreamMessage m, Kind kind, Object value) throws JMSException {
        switch (kind) {
            case BOOLEAN -> m.writeBoolean((Boolean) value);
            case BYTE -> m.writeByte((Byte) value);
            case SHORT -> m.writeShort((Short) value);
            case CHAR -> m.writeChar((Character) value);
            case INT -> m.writeInt((Integer) value);
            case LONG -> m.writeLong((Long) value);
            case FLOAT -> m.writeFloat((Float) value);
            case DOUBLE -> m.writeDouble((Double) value);
            case STRING -> m.writeString((String) value);
            case BYTES -> m.writeBytes((byte[]) value);
        }
    }

    static Object read(StreamMessage m, Kind kind) throws JMSException {
        return switch (kind) {
            case BOOLEAN -> m.readBoolean();
            case BYTE -> m.readByte();
            case SHORT -> m.readShort();
            case CHAR -> m.readChar();
            case INT -> m.readInt();
            case LONG -> m.readLong();
            case FLOAT -> m.readFloat();
            case DOUBLE -> m.readDouble();
            case STRING -> m.readString();
            case BYTES -> {
                byte[] buffer = new byte[64];
                int count = m.readBytes(buffer);
                yield java.util.Arrays.copyOf(buffer, count);
            }
        };
    }
}
