package dev.tern.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

class TernBytesMessageTest {

    private static TernBytesMessage writeAll(TernBytesMessage m) throws JMSException {
        m.writeBoolean(true);
        m.writeByte((byte) -2);
        m.writeShort((short) -300);
        m.writeChar('é');
        m.writeInt(-70_000);
        m.writeLong(Long.MIN_VALUE + 1);
        m.writeFloat(1.25f);
        m.writeDouble(-2.5e100);
        m.writeUTF("héllo \u0000 \uD83D\uDE00");
        m.writeBytes(new byte[] {1, 2, 3});
        m.writeBytes(new byte[] {9, 4, 5, 9}, 1, 2);
        return m;
    }

    private static void readAll(TernBytesMessage m) throws JMSException {
        assertTrue(m.readBoolean());
        assertEquals(-2, m.readByte());
        assertEquals(-300, m.readShort());
        assertEquals('é', m.readChar());
        assertEquals(-70_000, m.readInt());
        assertEquals(Long.MIN_VALUE + 1, m.readLong());
        assertEquals(1.25f, m.readFloat());
        assertEquals(-2.5e100, m.readDouble());
        assertEquals("héllo \u0000 \uD83D\uDE00", m.readUTF());
        byte[] buffer = new byte[10];
        assertEquals(5, m.readBytes(buffer));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, java.util.Arrays.copyOf(buffer, 5));
        assertEquals(-1, m.readBytes(buffer));
        assertThrows(MessageEOFException.class, m::readByte);
    }

    @Test
    void writeResetRead() throws JMSException {
        TernBytesMessage m = writeAll(new TernBytesMessage());
        m.reset();
        readAll(m);
        m.reset(); // back to the start
        readAll(m);
    }

    @Test
    void roundTripThroughCodecIsReadyToRead() throws JMSException {
        TernBytesMessage r = TestMessages.received(writeAll(new TernBytesMessage()));
        readAll(r);
    }

    /** The layout is DataOutputStream's, so other readers of the bytes interoperate. */
    @Test
    void layoutIsDataOutputStreams() throws JMSException, IOException {
        TernBytesMessage m = writeAll(new TernBytesMessage());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeBoolean(true);
        out.writeByte(-2);
        out.writeShort(-300);
        out.writeChar('é');
        out.writeInt(-70_000);
        out.writeLong(Long.MIN_VALUE + 1);
        out.writeFloat(1.25f);
        out.writeDouble(-2.5e100);
        out.writeUTF("héllo \u0000 \uD83D\uDE00");
        out.write(new byte[] {1, 2, 3, 4, 5});
        assertArrayEquals(expected.toByteArray(), m.getBody(byte[].class));
        m.reset();
        assertEquals(expected.size(), m.getBodyLength());
    }

    @Test
    void writeOnlyUntilReset() throws JMSException {
        TernBytesMessage m = new TernBytesMessage();
        m.writeInt(1);
        assertThrows(MessageNotReadableException.class, m::readInt);
        assertThrows(MessageNotReadableException.class, m::getBodyLength);
        assertThrows(MessageNotReadableException.class, () -> m.readBytes(new byte[1]));
        m.reset();
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(2));
        assertThrows(MessageNotWriteableException.class, () -> m.writeObject(2));
        assertEquals(4, m.getBodyLength());
    }

    @Test
    void clearBodyMakesEmptyAndWriteOnly() throws JMSException {
        TernBytesMessage m = new TernBytesMessage();
        m.writeInt(1);
        TernBytesMessage r = TestMessages.received(m);
        assertThrows(MessageNotWriteableException.class, () -> r.writeInt(2));
        r.clearBody();
        assertThrows(MessageNotReadableException.class, r::readInt);
        r.writeShort((short) 5);
        r.reset();
        assertEquals(2, r.getBodyLength());
        assertEquals(5, r.readShort());
    }

    @Test
    void partialPrimitiveAtTheEndIsEofAndDoesNotMove() throws JMSException {
        TernBytesMessage m = new TernBytesMessage();
        m.writeShort((short) 7);
        m.reset();
        assertThrows(MessageEOFException.class, m::readInt);
        assertThrows(MessageEOFException.class, m::readLong);
        assertEquals(7, m.readShort());
        assertThrows(MessageEOFException.class, m::readBoolean);
        assertThrows(MessageEOFException.class, m::readUTF);
    }

    @Test
    void readUtfWithTruncatedBytesIsEof() throws JMSException {
        TernBytesMessage m = new TernBytesMessage();
        m.writeShort((short) 10); // claims 10 bytes of UTF, has 2
        m.writeByte((byte) 'a');
        m.writeByte((byte) 'b');
        m.reset();
        assertThrows(MessageEOFException.class, m::readUTF);
        assertEquals(10, m.readShort());
    }

    @Test
    void unsignedReads() throws JMSException {
        TernBytesMessage m = new TernBytesMessage();
        m.writeByte((byte) -1);
        m.writeShort((short) -1);
        m.reset();
        assertEquals(255, m.readUnsignedByte());
        assertEquals(65535, m.readUnsignedShort());
    }

    @Test
    void readBytesInPieces() throws JMSException {
        TernBytesMessage m = new TernBytesMessage();
        m.writeBytes(new byte[] {1, 2, 3, 4, 5});
        m.reset();
        byte[] two = new byte[2];
        assertEquals(2, m.readBytes(two));
        assertArrayEquals(new byte[] {1, 2}, two);
        assertEquals(1, m.readBytes(two, 1));
        assertEquals(3, two[0]);
        assertEquals(2, m.readBytes(two));
        assertArrayEquals(new byte[] {4, 5}, two);
        assertEquals(-1, m.readBytes(two));
        assertThrows(IndexOutOfBoundsException.class, () -> m.readBytes(two, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> m.readBytes(two, -1));
    }

    @Test
    void writeObject() throws JMSException {
        TernBytesMessage m = new TernBytesMessage();
        m.writeObject(Boolean.TRUE);
        m.writeObject((byte) 1);
        m.writeObject((short) 2);
        m.writeObject('c');
        m.writeObject(3);
        m.writeObject(4L);
        m.writeObject(5f);
        m.writeObject(6d);
        m.writeObject("seven");
        m.writeObject(new byte[] {8});
        assertThrows(NullPointerException.class, () -> m.writeObject(null));
        assertThrows(MessageFormatException.class, () -> m.writeObject(new Object()));
        m.reset();
        assertTrue(m.readBoolean());
        assertEquals(1, m.readByte());
        assertEquals(2, m.readShort());
        assertEquals('c', m.readChar());
        assertEquals(3, m.readInt());
        assertEquals(4L, m.readLong());
        assertEquals(5f, m.readFloat());
        assertEquals(6d, m.readDouble());
        assertEquals("seven", m.readUTF());
        assertEquals(8, m.readByte());
        assertThrows(MessageEOFException.class, m::readByte);
    }

    @Test
    void writeUtfTooLongIsFormatError() {
        TernBytesMessage m = new TernBytesMessage();
        assertThrows(MessageFormatException.class, () -> m.writeUTF("x".repeat(70_000)));
    }

    @Test
    void emptyBody() throws JMSException {
        TernBytesMessage r = TestMessages.received(new TernBytesMessage());
        assertEquals(0, r.getBodyLength());
        assertEquals(-1, r.readBytes(new byte[4]));
        assertThrows(MessageEOFException.class, r::readByte);
        assertNull(r.getBody(byte[].class));
    }

    @Test
    void setReadOnlyFalseKeepsTheBytesAndAppends() throws JMSException {
        TernBytesMessage m = new TernBytesMessage();
        m.writeInt(1);
        TernBytesMessage r = TestMessages.received(m);
        assertEquals(1, r.readInt());
        r.setReadOnly(false);
        r.writeInt(2);
        r.reset();
        assertEquals(8, r.getBodyLength());
        assertEquals(1, r.readInt());
        assertEquals(2, r.readInt());
    }
}
