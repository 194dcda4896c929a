package dev.tern.message;

import dev.tern.client.TernQueue;
import dev.tern.client.TernTopic;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What the codec reuses between messages (its buffer, destinations) and what it decodes lazily. */
class CodecReuseTest {

    private static TernBytesMessage bytesMessage(int size, String queue) throws JMSException {
        TernBytesMessage m = new TernBytesMessage();
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 7);
        m.writeBytes(body);
        m.setJMSDestination(new TernQueue(queue));
        m.setJMSMessageID("ID:test-" + size);
        m.setStringProperty("p", "v");
        return m;
    }

    @Test
    void encodesIntoAnArrayOfExactlyTheMessagesSize() throws JMSException {
        TernBytesMessage m = bytesMessage(1024, "q");
        byte[] first = MessageCodec.encode(m);
        byte[] second = MessageCodec.encode(m);
        assertNotSame(first, second, "each send gets its own array: the broker keeps it");
        assertArrayEquals(first, second);
        // fixed header 28, id 1+12, destination 1+1+1, correlation 1, replyTo 1, type 1,
        // properties 1 + (1+1) + (1+1+1), body 2+1024
        assertEquals(28 + 13 + 3 + 1 + 1 + 1 + 6 + 1026, first.length);
        MessageCodec.decode(first); // no trailing bytes: decode checks the end
    }

    @Test
    void aSmallMessageAfterALargeOneIsNotPaddedByTheReusedBuffer() throws JMSException {
        byte[] large = MessageCodec.encode(bytesMessage(2 << 20, "q")); // past what the scratch keeps
        byte[] small = MessageCodec.encode(bytesMessage(10, "q"));
        TernBytesMessage decoded = (TernBytesMessage) MessageCodec.decode(small);
        assertEquals(10, decoded.getBodyLength());
        assertEquals((2 << 20) + 2 + 50, large.length, 50, "about the body size");
        byte[] again = MessageCodec.encode(bytesMessage(10, "q"));
        assertArrayEquals(small, again);
    }

    @Test
    void anEncodeInsideAnEncodeGetsItsOwnBuffer() throws Exception {
        TernBytesMessage inner = bytesMessage(100, "inner");
        byte[] expectedInner = MessageCodec.encode(inner);
        TernObjectMessage outer = new TernObjectMessage();
        outer.setJMSDestination(new TernQueue("outer"));
        outer.setObject(new EncodesWhenSerialised(inner));
        byte[] encodedOuter = MessageCodec.encode(outer);
        TernObjectMessage back = (TernObjectMessage) MessageCodec.decode(encodedOuter);
        assertArrayEquals(expectedInner, ((EncodesWhenSerialised) back.getObject()).encoded);
        assertEquals("outer", ((TernQueue) back.getJMSDestination()).getQueueName());
    }

    /** Encodes a message while it is serialised, that is, while the outer message is being encoded. */
    static final class EncodesWhenSerialised implements java.io.Serializable {
        private final transient TernBytesMessage message;
        byte[] encoded;

        EncodesWhenSerialised(TernBytesMessage message) {
            this.message = message;
        }

        private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
            try {
                encoded = MessageCodec.encode(message);
            } catch (JMSException e) {
                throw new java.io.IOException(e);
            }
            out.defaultWriteObject();
        }
    }

    @Test
    void theRoutingHeaderSkipsTheMessageId() throws JMSException {
        byte[] data = MessageCodec.encode(bytesMessage(5, "orders"));
        MessageHeader full = MessageCodec.readHeader(data);
        MessageHeader routing = MessageCodec.readRoutingHeader(data);
        assertEquals("ID:test-5", full.messageId());
        assertNull(routing.messageId());
        assertEquals(full.destination(), routing.destination());
        assertEquals(full.persistent(), routing.persistent());
        assertEquals(full.priority(), routing.priority());
        assertEquals(full.expiration(), routing.expiration());
        assertEquals(full.deliveryTime(), routing.deliveryTime());
        assertEquals(full.timestamp(), routing.timestamp());
    }

    @Test
    void theRoutingFieldsAreReadInPlace() throws JMSException {
        TernBytesMessage m = bytesMessage(5, "orders");
        m.setJMSDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(7);
        m.setJMSExpiration(123);
        m.setJMSDeliveryTime(456);
        byte[] data = MessageCodec.encode(m);
        MessageHeader header = MessageCodec.readHeader(data);
        assertEquals(header.destination(), MessageCodec.readDestination(data));
        assertEquals(false, MessageCodec.isPersistent(data));
        assertEquals(7, MessageCodec.priority(data));
        assertEquals(123, MessageCodec.expiration(data));
        assertEquals(456, MessageCodec.deliveryTime(data));

        byte[] otherVersion = data.clone();
        otherVersion[0] = 2;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MessageCodec.readDestination(otherVersion));
        byte[] badPriority = data.clone();
        badPriority[3] = 10;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MessageCodec.readDestination(badPriority));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MessageCodec.readDestination(Arrays.copyOf(data, 30)));
    }

    @Test
    void consecutiveMessagesToOneDestinationShareItsObjects() throws JMSException {
        byte[] a = MessageCodec.encode(bytesMessage(5, "orders"));
        byte[] b = MessageCodec.encode(bytesMessage(6, "orders"));
        assertSame(MessageCodec.readRoutingHeader(a).destination(), MessageCodec.readRoutingHeader(b).destination());
        assertSame(MessageCodec.decode(a).getJMSDestination(), MessageCodec.decode(b).getJMSDestination());

        TernBytesMessage withReplyTo = bytesMessage(7, "orders");
        withReplyTo.setJMSReplyTo(new TernTopic("replies"));
        TernMessage decoded = MessageCodec.decode(MessageCodec.encode(withReplyTo));
        assertEquals(new TernTopic("replies"), decoded.getJMSReplyTo());
        assertSame(decoded.getJMSDestination(), MessageCodec.decode(a).getJMSDestination(),
                "the reply-to does not displace the remembered destination");

        TernMessage other = MessageCodec.decode(MessageCodec.encode(bytesMessage(5, "other")));
        assertEquals(new TernQueue("other"), other.getJMSDestination());
        TernBytesMessage topicNamedOrders = bytesMessage(5, "x");
        topicNamedOrders.setJMSDestination(new TernTopic("orders"));
        assertEquals(new TernTopic("orders"), MessageCodec.decode(MessageCodec.encode(topicNamedOrders)).getJMSDestination(),
                "same name, other kind");
    }

    @Test
    void aGeneratedMessageIdIsEncodedFromItsPartsExactlyAsItsString() throws JMSException {
        for (long number : new long[] {0, 1, 9, 10, 99, 100, 123456789, Long.MAX_VALUE, -1, -42}) {
            for (String prefix : new String[] {"ID:conn-1-", "ID:é€😀-", ""}) {
                TernBytesMessage generated = bytesMessage(4, "q");
                generated.setGeneratedMessageId(prefix, number);
                TernBytesMessage asString = bytesMessage(4, "q");
                asString.setJMSMessageID(prefix + number);
                assertArrayEquals(MessageCodec.encode(asString), MessageCodec.encode(generated), prefix + number);
                assertEquals(prefix + number, MessageCodec.decode(MessageCodec.encode(generated)).getJMSMessageID());
                assertEquals(prefix + number, generated.getJMSMessageID());
                assertArrayEquals(MessageCodec.encode(asString), MessageCodec.encode(generated), "after the string was built");
            }
        }
        TernBytesMessage replaced = bytesMessage(4, "q");
        replaced.setGeneratedMessageId("ID:x-", 5);
        replaced.setJMSMessageID("ID:mine");
        assertEquals("ID:mine", replaced.getJMSMessageID());
        assertEquals("ID:mine", MessageCodec.decode(MessageCodec.encode(replaced)).getJMSMessageID());
        replaced.setGeneratedMessageId("ID:x-", 6);
        replaced.setJMSMessageID(null);
        assertNull(MessageCodec.decode(MessageCodec.encode(replaced)).getJMSMessageID());
    }

    @Test
    void theMessageIdIsDecodedOnFirstUseAndCanBeReplaced() throws JMSException {
        TernBytesMessage sent = bytesMessage(3, "q");
        sent.setJMSMessageID("ID:é-ü-1");
        TernMessage received = MessageCodec.decode(MessageCodec.encode(sent));
        assertEquals("ID:é-ü-1", received.getJMSMessageID());
        assertEquals("ID:é-ü-1", received.getJMSMessageID());
        received.setJMSMessageID("ID:other");
        assertEquals("ID:other", received.getJMSMessageID());

        TernMessage again = MessageCodec.decode(MessageCodec.encode(sent));
        again.setJMSMessageID(null);
        assertNull(again.getJMSMessageID());
        assertEquals("ID:é-ü-1", MessageCodec.decode(MessageCodec.encode(sent)).getJMSMessageID());

        sent.setJMSMessageID(null);
        assertNull(MessageCodec.decode(MessageCodec.encode(sent)).getJMSMessageID());
        TernMessage copy = TernMessage.copyOf(received);
        assertEquals("ID:other", copy.getJMSMessageID());
    }
}
