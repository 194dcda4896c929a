package dev.tern.message;

import dev.tern.client.TernDestination;
import dev.tern.client.TernQueue;
import dev.tern.client.TernTopic;
import dev.tern.transport.DestinationRef;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MessageCodecTest {

    private static final String UNICODE = "héllo wörld ✓ \uD83D\uDE00 日本語 \u0000 end";

    private static <T extends TernMessage> T withAllHeaders(T m) throws JMSException {
        m.setJMSMessageID("ID:tern-1-2-3");
        m.setJMSTimestamp(1_700_000_000_123L);
        m.setJMSCorrelationID("corr-" + UNICODE);
        m.setJMSReplyTo(new TernTopic("replies"));
        m.setJMSDestination(new TernQueue("orders.in"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSType("order");
        m.setJMSExpiration(1_700_000_060_000L);
        m.setJMSDeliveryTime(1_700_000_001_000L);
        m.setJMSPriority(9);
        m.setBooleanProperty("b", true);
        m.setByteProperty("y", (byte) -1);
        m.setShortProperty("s", (short) -2);
        m.setIntProperty("i", Integer.MIN_VALUE);
        m.setLongProperty("l", Long.MAX_VALUE);
        m.setFloatProperty("f", Float.NaN);
        m.setDoubleProperty("d", Double.NEGATIVE_INFINITY);
        m.setStringProperty("str", UNICODE);
        m.setStringProperty("nul", null);
        m.setStringProperty("éèName", "unicode name");
        return m;
    }

    private static void assertSameHeadersAndProperties(Message expected, Message actual) throws JMSException {
        assertEquals(expected.getJMSMessageID(), actual.getJMSMessageID());
        assertEquals(expected.getJMSTimestamp(), actual.getJMSTimestamp());
        assertEquals(expected.getJMSCorrelationID(), actual.getJMSCorrelationID());
        assertEquals(expected.getJMSReplyTo(), actual.getJMSReplyTo());
        assertEquals(expected.getJMSDestination(), actual.getJMSDestination());
        assertEquals(expected.getJMSDeliveryMode(), actual.getJMSDeliveryMode());
        assertEquals(expected.getJMSType(), actual.getJMSType());
        assertEquals(expected.getJMSExpiration(), actual.getJMSExpiration());
        assertEquals(expected.getJMSDeliveryTime(), actual.getJMSDeliveryTime());
        assertEquals(expected.getJMSPriority(), actual.getJMSPriority());
        List<?> names = Collections.list(expected.getPropertyNames());
        assertEquals(names, Collections.list(actual.getPropertyNames()));
        for (Object name : names) {
            assertEquals(expected.getObjectProperty((String) name), actual.getObjectProperty((String) name), (String) name);
        }
    }

    @Test
    void plainMessageWithAllHeaders() throws JMSException {
        TernMessage m = withAllHeaders(new TernMessage());
        TernMessage r = MessageCodec.decode(MessageCodec.encode(m));
        assertEquals(TernMessage.class, r.getClass());
        assertSameHeadersAndProperties(m, r);
        assertFalse(r.getJMSRedelivered());
    }

    @Test
    void textRoundTrips() throws JMSException {
        for (String text : new String[] {null, "", "a", UNICODE, "x".repeat(1 << 20), UNICODE.repeat(20_000),
                "\uD800 lone surrogate"}) {
            TernTextMessage m = withAllHeaders(new TernTextMessage());
            m.setText(text);
            TernTextMessage r = TestMessages.received(m);
            assertSameHeadersAndProperties(m, r);
            String expected = text == null ? null : text.replace('\uD800', '?'); // what UTF-8 can carry
            assertEquals(expected, r.getText());
        }
    }

    @Test
    void bytesRoundTrips() throws JMSException {
        byte[] large = new byte[2 << 20];
        new Random(1).nextBytes(large);
        for (byte[] body : new byte[][] {{}, {0}, {-1, 0, 1}, large}) {
            TernBytesMessage m = withAllHeaders(new TernBytesMessage());
            m.writeBytes(body);
            TernBytesMessage r = TestMessages.received(m);
            assertSameHeadersAndProperties(m, r);
            assertEquals(body.length, r.getBodyLength());
            byte[] read = new byte[body.length];
            assertEquals(body.length == 0 ? -1 : body.length, r.readBytes(read));
            assertArrayEquals(body, read);
        }
    }

    @Test
    void encodingDoesNotChangeTheMessage() throws JMSException {
        TernBytesMessage bytes = new TernBytesMessage();
        bytes.writeInt(1);
        MessageCodec.encode(bytes);
        bytes.writeInt(2); // still write-only
        bytes.reset();
        assertEquals(1, bytes.readInt());
        MessageCodec.encode(bytes); // while partly read
        assertEquals(2, bytes.readInt());
        assertEquals(8, TestMessages.received(bytes).getBodyLength());

        TernStreamMessage stream = new TernStreamMessage();
        stream.writeInt(1);
        MessageCodec.encode(stream);
        stream.writeInt(2);
        stream.reset();
        assertEquals(1, stream.readInt());
    }

    @Test
    void mapRoundTrips() throws JMSException {
        TernMapMessage empty = TestMessages.received(withAllHeaders(new TernMapMessage()));
        assertFalse(empty.getMapNames().hasMoreElements());

        TernMapMessage m = withAllHeaders(new TernMapMessage());
        m.setBoolean("bool", false);
        m.setByte("byte", Byte.MIN_VALUE);
        m.setShort("short", Short.MAX_VALUE);
        m.setChar("char", '\uFFFF');
        m.setInt("int", -1);
        m.setLong("long", Long.MIN_VALUE);
        m.setFloat("float", -0.0f);
        m.setDouble("double", Double.MIN_VALUE);
        m.setString(UNICODE, UNICODE);
        m.setString("null", null);
        m.setBytes("bytes", new byte[] {1, 2});
        m.setBytes("empty", new byte[0]);
        for (int i = 0; i < 10_000; i++) {
            m.setInt("k" + i, i);
        }
        TernMapMessage r = TestMessages.received(m);
        assertSameHeadersAndProperties(m, r);
        assertEquals(Collections.list(m.getMapNames()), Collections.list(r.getMapNames()));
        for (String name : Collections.list(m.getMapNames())) {
            Object expected = m.getObject(name);
            if (expected instanceof byte[] bytes) {
                assertArrayEquals(bytes, r.getBytes(name));
            } else {
                assertEquals(expected, r.getObject(name), name);
            }
        }
    }

    @Test
    void objectRoundTrips() throws JMSException {
        TernObjectMessage nothing = TestMessages.received(withAllHeaders(new TernObjectMessage()));
        assertNull(nothing.getObject());

        TernObjectMessage m = withAllHeaders(new TernObjectMessage());
        m.setObject((java.io.Serializable) Map.of("k", List.of(1, UNICODE)));
        TernObjectMessage r = TestMessages.received(m);
        assertSameHeadersAndProperties(m, r);
        assertEquals(Map.of("k", List.of(1, UNICODE)), r.getObject());
    }

    @Test
    void streamRoundTrips() throws JMSException {
        TernStreamMessage empty = TestMessages.received(withAllHeaders(new TernStreamMessage()));
        assertThrows(jakarta.jms.MessageEOFException.class, empty::readObject);

        TernStreamMessage m = withAllHeaders(new TernStreamMessage());
        List<Object> fields = Arrays.asList(true, (byte) 1, (short) 2, 'c', 3, 4L, 5.5f, 6.5, UNICODE, null, "");
        for (Object field : fields) {
            m.writeObject(field);
        }
        m.writeBytes(new byte[] {7, 8});
        m.writeBytes(new byte[0]);
        TernStreamMessage r = TestMessages.received(m);
        assertSameHeadersAndProperties(m, r);
        for (Object field : fields) {
            assertEquals(field, r.readObject());
        }
        assertArrayEquals(new byte[] {7, 8}, (byte[]) r.readObject());
        assertArrayEquals(new byte[0], (byte[]) r.readObject());
        assertThrows(jakarta.jms.MessageEOFException.class, r::readObject);
    }

    @Test
    void decodedMessagesAreReadOnly() throws JMSException {
        TernTextMessage r = TestMessages.received(new TernTextMessage("x"));
        assertThrows(MessageNotWriteableException.class, () -> r.setText("y"));
        assertThrows(MessageNotWriteableException.class, () -> r.setIntProperty("p", 1));
        TernStreamMessage s = TestMessages.received(new TernStreamMessage());
        assertThrows(MessageNotWriteableException.class, () -> s.writeInt(1));
    }

    @Test
    void everyDestinationKindRoundTrips() throws JMSException {
        for (DestinationRef.Kind kind : DestinationRef.Kind.values()) {
            TernDestination destination = TernDestination.of(new DestinationRef(kind, "d-" + kind));
            TernMessage m = new TernMessage();
            m.setJMSDestination(destination);
            m.setJMSReplyTo(destination);
            TernMessage r = TestMessages.received(m);
            assertEquals(destination, r.getJMSDestination());
            assertEquals(destination, r.getJMSReplyTo());
            assertEquals(destination.ref(), MessageCodec.readHeader(MessageCodec.encode(m)).destination());
        }
        TernMessage r = TestMessages.received(withAllHeaders(new TernMessage()));
        assertInstanceOf(jakarta.jms.Queue.class, r.getJMSDestination());
        assertInstanceOf(jakarta.jms.Topic.class, r.getJMSReplyTo());
        TernMessage temp = new TernMessage();
        temp.setJMSDestination(TernDestination.of(new DestinationRef(DestinationRef.Kind.TEMPORARY_QUEUE, "t")));
        temp.setJMSReplyTo(TernDestination.of(new DestinationRef(DestinationRef.Kind.TEMPORARY_TOPIC, "u")));
        TernMessage tr = TestMessages.received(temp);
        assertInstanceOf(TemporaryQueue.class, tr.getJMSDestination());
        assertInstanceOf(TemporaryTopic.class, tr.getJMSReplyTo());
    }

    @Test
    void readHeaderMatchesTheDecodedMessage() throws JMSException {
        TernMessage bare = new TernMessage(); // nulls and defaults
        TernTextMessage persistent = withAllHeaders(new TernTextMessage("t"));
        persistent.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        persistent.setJMSPriority(0);
        for (TernMessage m : List.of(bare, persistent, withAllHeaders(new TernBytesMessage()),
                withAllHeaders(new TernMapMessage()), withAllHeaders(new TernStreamMessage()),
                withAllHeaders(new TernObjectMessage()))) {
            byte[] data = MessageCodec.encode(m);
            MessageHeader header = MessageCodec.readHeader(data);
            TernMessage r = MessageCodec.decode(data);
            assertEquals(r.getJMSMessageID(), header.messageId());
            Destination destination = r.getJMSDestination();
            assertEquals(destination == null ? null : ((TernDestination) destination).ref(), header.destination());
            assertEquals(r.getJMSDeliveryMode() == DeliveryMode.PERSISTENT, header.persistent());
            assertEquals(r.getJMSPriority(), header.priority());
            assertEquals(r.getJMSTimestamp(), header.timestamp());
            assertEquals(r.getJMSExpiration(), header.expiration());
            assertEquals(r.getJMSDeliveryTime(), header.deliveryTime());
        }
        MessageHeader header = MessageCodec.readHeader(MessageCodec.encode(persistent));
        assertEquals(new MessageHeader("ID:tern-1-2-3", DestinationRef.queue("orders.in"), true, 0,
                1_700_000_000_123L, 1_700_000_060_000L, 1_700_000_001_000L), header);
    }

    @Test
    void smallMessagesAreSmall() throws JMSException {
        TernTextMessage m = new TernTextMessage("hello");
        m.setJMSMessageID("ID:0123456789");
        m.setJMSDestination(new TernQueue("q"));
        int size = MessageCodec.encode(m).length;
        assertTrue(size <= 28 + 14 + 3 + 4 + 7, "encoded size " + size);
    }

    @Test
    void priorityOutsideTheRangeCannotBeEncoded() {
        TernMessage m = new TernMessage();
        m.setJMSPriority(10);
        assertThrows(MessageFormatException.class, () -> MessageCodec.encode(m));
        m.setJMSPriority(-1);
        assertThrows(MessageFormatException.class, () -> MessageCodec.encode(m));
    }

    @Test
    void foreignDestinationIsEncodedByName() throws JMSException {
        TernMessage m = new TernMessage();
        m.setJMSDestination((jakarta.jms.Queue) () -> "elsewhere");
        assertEquals(DestinationRef.queue("elsewhere"), MessageCodec.readHeader(MessageCodec.encode(m)).destination());
        m.setJMSDestination(new Destination() { });
        assertThrows(jakarta.jms.InvalidDestinationException.class, () -> MessageCodec.encode(m));
    }

    // ---- malformed data

    private static byte[] sample() throws JMSException {
        TernMapMessage m = withAllHeaders(new TernMapMessage());
        m.setString("k", UNICODE);
        m.setBytes("b", new byte[] {1, 2, 3});
        m.setJMSCorrelationIDAsBytes(new byte[] {4, 5});
        return MessageCodec.encode(m);
    }

    @Test
    void everyTruncationIsAFormatError() throws JMSException {
        byte[] data = sample();
        for (int length = 0; length < data.length; length++) {
            byte[] truncated = Arrays.copyOf(data, length);
            assertThrows(MessageFormatException.class, () -> MessageCodec.decode(truncated), "length " + length);
        }
        for (int length = 0; length < 28; length++) {
            byte[] truncated = Arrays.copyOf(data, length);
            assertThrows(IllegalArgumentException.class, () -> MessageCodec.readHeader(truncated), "length " + length);
        }
        byte[] noDestinationName = Arrays.copyOf(data, 28 + 1 + "ID:tern-1-2-3".length() + 2);
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.readHeader(noDestinationName));
    }

    @Test
    void trailingBytesAreAFormatError() throws JMSException {
        byte[] data = sample();
        byte[] longer = Arrays.copyOf(data, data.length + 1);
        assertThrows(MessageFormatException.class, () -> MessageCodec.decode(longer));
    }

    @Test
    void unknownVersionIsAClearError() throws JMSException {
        byte[] data = sample();
        data[0] = 2;
        MessageFormatException decodeError = assertThrows(MessageFormatException.class, () -> MessageCodec.decode(data));
        assertTrue(decodeError.getMessage().contains("version 2"), decodeError.getMessage());
        IllegalArgumentException headerError = assertThrows(IllegalArgumentException.class, () -> MessageCodec.readHeader(data));
        assertTrue(headerError.getMessage().contains("version 2"), headerError.getMessage());
    }

    @Test
    void unknownTagsAreFormatErrors() throws JMSException {
        byte[] data = sample();
        byte[] badType = data.clone();
        badType[1] = 6;
        assertThrows(MessageFormatException.class, () -> MessageCodec.decode(badType));
        byte[] badFlags = data.clone();
        badFlags[2] = 4;
        assertThrows(MessageFormatException.class, () -> MessageCodec.decode(badFlags));
        byte[] badPriority = data.clone();
        badPriority[3] = 10;
        assertThrows(MessageFormatException.class, () -> MessageCodec.decode(badPriority));
        byte[] badKind = data.clone();
        badKind[28 + 1 + "ID:tern-1-2-3".length()] = 9;
        assertThrows(MessageFormatException.class, () -> MessageCodec.decode(badKind));
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.readHeader(badKind));
        assertThrows(MessageFormatException.class, () -> MessageCodec.decode(null));
    }

    /** Random corruption either decodes or is a MessageFormatException, never another exception. */
    @Test
    void corruptedDataFailsCleanly() throws JMSException {
        byte[] data = sample();
        Random random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            byte[] corrupted = data.clone();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                corrupted[1 + random.nextInt(corrupted.length - 1)] = (byte) random.nextInt();
            }
            try {
                MessageCodec.decode(corrupted);
            } catch (MessageFormatException expected) {
                // fine
            }
        }
    }
}
