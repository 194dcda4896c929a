package dev.tern.message;

import dev.tern.client.TernQueue;
import dev.tern.client.TernTopic;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ForeignMessageCopyTest {

    private static <T extends PlainMessage> T withHeaders(T m) {
        m.setJMSMessageID("ID:foreign-1");
        m.setJMSTimestamp(1234);
        m.setJMSCorrelationID("corr");
        m.setJMSReplyTo(new PlainMessage.Queue("replies"));
        m.setJMSDestination(new PlainMessage.Queue("orders"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSType("type");
        m.setJMSExpiration(5678);
        m.setJMSDeliveryTime(2345);
        m.setJMSPriority(7);
        m.setIntProperty("i", 1);
        m.setStringProperty("s", "x");
        m.setDoubleProperty("d", 2.5);
        return m;
    }

    private static void assertCopiedHeaders(Message copy) throws JMSException {
        assertEquals("ID:foreign-1", copy.getJMSMessageID());
        assertEquals(1234, copy.getJMSTimestamp());
        assertEquals("corr", copy.getJMSCorrelationID());
        assertEquals(new TernQueue("replies"), copy.getJMSReplyTo());
        assertEquals(new TernQueue("orders"), copy.getJMSDestination());
        assertEquals(DeliveryMode.NON_PERSISTENT, copy.getJMSDeliveryMode());
        assertEquals("type", copy.getJMSType());
        assertEquals(5678, copy.getJMSExpiration());
        assertEquals(2345, copy.getJMSDeliveryTime());
        assertEquals(7, copy.getJMSPriority());
        assertEquals(List.of("i", "s", "d"), Collections.list(copy.getPropertyNames()));
        assertEquals(1, copy.getIntProperty("i"));
        assertEquals("x", copy.getStringProperty("s"));
        assertEquals(2.5, copy.getDoubleProperty("d"));
    }

    @Test
    void plainMessage() throws JMSException {
        TernMessage copy = TernMessage.copyOf(withHeaders(new PlainMessage()));
        assertEquals(TernMessage.class, copy.getClass());
        assertCopiedHeaders(copy);
        assertCopiedHeaders(TestMessages.received(copy));
    }

    @Test
    void textMessageThroughTheCodec() throws JMSException {
        PlainMessage.Text foreign = withHeaders(new PlainMessage.Text());
        foreign.setText("héllo");
        TernMessage decoded = MessageCodec.decode(MessageCodec.encode(foreign));
        assertCopiedHeaders(decoded);
        assertEquals("héllo", ((TextMessage) decoded).getText());
    }

    @Test
    void copyIsWritableAndIndependent() throws JMSException {
        PlainMessage.Text foreign = withHeaders(new PlainMessage.Text());
        foreign.setText("a");
        TernTextMessage copy = (TernTextMessage) TernMessage.copyOf(foreign);
        copy.setText("b");
        copy.setIntProperty("i", 2);
        assertEquals("a", foreign.getText());
        assertEquals(1, foreign.getIntProperty("i"));
    }

    @Test
    void invalidForeignPropertyValueIsAFormatError() {
        PlainMessage foreign = new PlainMessage();
        foreign.setObjectProperty("o", new Object());
        assertThrows(jakarta.jms.MessageFormatException.class, () -> TernMessage.copyOf(foreign));
    }

    @Test
    void foreignTopicAsReplyTo() throws JMSException {
        PlainMessage foreign = new PlainMessage();
        foreign.setJMSReplyTo((jakarta.jms.Topic) () -> "events");
        assertEquals(new TernTopic("events"), TernMessage.copyOf(foreign).getJMSReplyTo());
    }

    /** Other body types: Tern messages seen only through the JMS interface, as another provider's would be. */
    @SuppressWarnings("unchecked")
    private static <T extends Message> T foreign(Class<T> type, TernMessage delegate) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void bytesMessage() throws JMSException {
        TernBytesMessage body = new TernBytesMessage();
        body.writeInt(42);
        body.writeUTF("x");
        BytesMessage foreign = foreign(BytesMessage.class, body);
        TernBytesMessage copy = (TernBytesMessage) TernMessage.copyOf(foreign);
        copy.writeByte((byte) 9); // the copy is write-only, like a new message
        copy.reset();
        assertEquals(42, copy.readInt());
        assertEquals("x", copy.readUTF());
        assertEquals(9, copy.readByte());
        assertEquals(42, foreign.readInt()); // the foreign one is left reset
    }

    /** A foreign body longer than its getBodyLength() says is copied whole: the length is only a hint. */
    @Test
    void bytesMessageIsReadToItsEndWhateverItsBodyLengthSays() throws JMSException {
        TernBytesMessage body = new TernBytesMessage();
        body.writeInt(42);
        body.writeUTF("a string longer than the length the provider reports");
        body.reset();
        BytesMessage foreign = (BytesMessage) Proxy.newProxyInstance(BytesMessage.class.getClassLoader(),
                new Class<?>[] {BytesMessage.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getBodyLength")) {
                        return 6L;
                    }
                    try {
                        return method.invoke(body, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TernBytesMessage copy = TestMessages.received((TernBytesMessage) TernMessage.copyOf(foreign));
        assertEquals(42, copy.readInt());
        assertEquals("a string longer than the length the provider reports", copy.readUTF());
        assertEquals(-1, copy.readBytes(new byte[1]));
    }

    @Test
    void mapMessage() throws JMSException {
        TernMapMessage body = new TernMapMessage();
        body.setChar("c", 'c');
        body.setBytes("b", new byte[] {1});
        TernMapMessage copy = (TernMapMessage) TernMessage.copyOf(foreign(MapMessage.class, body));
        assertEquals('c', copy.getChar("c"));
        assertArrayEquals(new byte[] {1}, copy.getBytes("b"));
    }

    @Test
    void objectMessage() throws JMSException {
        TernObjectMessage body = new TernObjectMessage();
        body.setObject(new java.util.ArrayList<>(List.of(1, 2)));
        TernObjectMessage copy = (TernObjectMessage) TernMessage.copyOf(foreign(ObjectMessage.class, body));
        assertEquals(List.of(1, 2), copy.getObject());
    }

    @Test
    void streamMessage() throws JMSException {
        TernStreamMessage body = new TernStreamMessage();
        body.writeInt(1);
        body.writeBytes(new byte[] {2});
        body.writeString(null);
        StreamMessage foreign = foreign(StreamMessage.class, body);
        TernStreamMessage copy = TestMessages.received((TernStreamMessage) TernMessage.copyOf(foreign));
        assertEquals(1, copy.readInt());
        assertArrayEquals(new byte[] {2}, (byte[]) copy.readObject());
        assertNull(copy.readString());
        assertEquals(1, foreign.readInt());
    }

    @Test
    void ternMessageIsCopiedThroughTheCodec() throws JMSException {
        TernTextMessage original = new TernTextMessage("t");
        original.setIntProperty("a", 1);
        original.setDeliveryCount(2);
        TernTextMessage copy = (TernTextMessage) TernMessage.copyOf(original);
        assertNotSame(original, copy);
        assertEquals("t", copy.getText());
        assertEquals(1, copy.getIntProperty("a"));
        assertFalse(copy.propertyExists("JMSXDeliveryCount"));
        copy.setText("u"); // writable
        copy.setIntProperty("b", 2);
        assertEquals("t", original.getText());
    }
}
