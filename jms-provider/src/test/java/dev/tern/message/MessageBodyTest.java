package dev.tern.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** getBody, isBodyAssignableTo, read-only bodies, clearBody, acknowledge and the other common behaviour. */
class MessageBodyTest {

    @Test
    void plainMessageHasNoBody() throws JMSException {
        TernMessage m = new TernMessage();
        assertNull(m.getBody(String.class));
        assertNull(m.getBody(Integer.class));
        assertTrue(m.isBodyAssignableTo(byte[].class));
        m.clearBody();
    }

    @Test
    void textGetBody() throws JMSException {
        TernTextMessage m = new TernTextMessage();
        assertNull(m.getBody(Integer.class)); // no body: any type, null
        assertTrue(m.isBodyAssignableTo(Integer.class));
        m.setText("hello");
        assertEquals("hello", m.getBody(String.class));
        assertEquals("hello", m.getBody(Object.class));
        assertEquals("hello", m.getBody(CharSequence.class));
        assertTrue(m.isBodyAssignableTo(String.class));
        assertTrue(m.isBodyAssignableTo(Object.class));
        assertFalse(m.isBodyAssignableTo(Integer.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(Integer.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(byte[].class));
    }

    @Test
    void bytesGetBodyIsACopyFromTheStartAndDoesNotMove() throws JMSException {
        TernBytesMessage m = new TernBytesMessage();
        assertNull(m.getBody(byte[].class));
        assertTrue(m.isBodyAssignableTo(String.class));
        m.writeBytes(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, m.getBody(byte[].class)); // also while write-only
        TernBytesMessage r = TestMessages.received(m);
        assertEquals(1, r.readByte());
        byte[] body = r.getBody(byte[].class);
        assertArrayEquals(new byte[] {1, 2, 3}, body);
        body[0] = 9;
        assertEquals(2, r.readByte()); // position unchanged
        assertArrayEquals(new byte[] {1, 2, 3}, r.getBody(byte[].class));
        assertTrue(r.isBodyAssignableTo(byte[].class));
        assertTrue(r.isBodyAssignableTo(Object.class));
        assertFalse(r.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> r.getBody(String.class));
    }

    @Test
    void mapGetBody() throws JMSException {
        TernMapMessage m = new TernMapMessage();
        assertNull(m.getBody(Map.class));
        assertNull(m.getBody(String.class));
        m.setInt("a", 1);
        m.setBytes("b", new byte[] {5});
        @SuppressWarnings("unchecked")
        Map<String, Object> body = TestMessages.received(m).getBody(Map.class);
        assertEquals(1, body.get("a"));
        assertArrayEquals(new byte[] {5}, (byte[]) body.get("b"));
        assertTrue(m.isBodyAssignableTo(Map.class));
        assertTrue(m.isBodyAssignableTo(Object.class));
        assertFalse(m.isBodyAssignableTo(HashMap.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(HashMap.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(String.class));
        body.put("c", 3); // a copy: the message does not change
        assertFalse(m.itemExists("c"));
    }

    @Test
    void objectGetBody() throws JMSException {
        TernObjectMessage m = new TernObjectMessage();
        assertNull(m.getObject());
        assertNull(m.getBody(String.class));
        assertTrue(m.isBodyAssignableTo(String.class));
        m.setObject(new Date(42));
        assertEquals(new Date(42), m.getBody(Date.class));
        assertEquals(new Date(42), m.getBody(Serializable.class));
        assertTrue(m.isBodyAssignableTo(Date.class));
        assertFalse(m.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(String.class));
    }

    @Test
    void streamHasNoGetBody() throws JMSException {
        TernStreamMessage m = new TernStreamMessage();
        assertThrows(MessageFormatException.class, () -> m.getBody(Object.class));
        assertFalse(m.isBodyAssignableTo(Object.class));
        m.writeInt(1);
        assertThrows(MessageFormatException.class, () -> m.getBody(Object.class));
        assertFalse(m.isBodyAssignableTo(Object.class));
    }

    @Test
    void objectIsSerializedWhenSet() throws JMSException {
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        TernObjectMessage m = new TernObjectMessage();
        m.setObject(list);
        list.add("b");
        assertEquals(List.of("a"), m.getObject());
        assertNotSame(m.getObject(), m.getObject());
        assertEquals(List.of("a"), TestMessages.received(m).getObject());
    }

    @Test
    void objectThatCannotBeSerializedIsFormatError() {
        TernObjectMessage m = new TernObjectMessage();
        ArrayList<Object> list = new ArrayList<>();
        list.add(new Object());
        assertThrows(MessageFormatException.class, () -> m.setObject(list));
    }

    @Test
    void objectDeserializedWithTheContextClassLoader() throws Exception {
        TernObjectMessage m = new TernObjectMessage();
        m.setObject(new Payload("x"));
        TernObjectMessage r = TestMessages.received(m);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        AtomicInteger asked = new AtomicInteger();
        thread.setContextClassLoader(new ClassLoader(before) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(Payload.class.getName())) {
                    asked.incrementAndGet();
                }
                return super.loadClass(name, resolve);
            }
        });
        try {
            assertEquals(new Payload("x"), r.getObject());
            assertEquals(1, asked.get());
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    record Payload(String value) implements Serializable {
    }

    @Test
    void receivedBodiesAreReadOnlyUntilClearBody() throws JMSException {
        TernTextMessage text = new TernTextMessage("t");
        TernTextMessage r = TestMessages.received(text);
        assertThrows(MessageNotWriteableException.class, () -> r.setText("u"));
        r.clearBody();
        assertNull(r.getText());
        r.setText("u");
        assertEquals("u", r.getText());

        TernObjectMessage object = new TernObjectMessage();
        object.setObject("o");
        TernObjectMessage ro = TestMessages.received(object);
        assertThrows(MessageNotWriteableException.class, () -> ro.setObject("p"));
        ro.clearBody();
        assertNull(ro.getObject());
        ro.setObject("p");
    }

    @Test
    void clearBodyKeepsPropertiesReadOnlyAndClearPropertiesKeepsTheBody() throws JMSException {
        TernTextMessage m = new TernTextMessage("t");
        m.setIntProperty("a", 1);
        TernTextMessage r = TestMessages.received(m);
        r.clearBody();
        assertThrows(MessageNotWriteableException.class, () -> r.setIntProperty("b", 1));
        assertEquals(1, r.getIntProperty("a"));

        TernTextMessage r2 = TestMessages.received(m);
        r2.clearProperties();
        assertEquals("t", r2.getText());
        assertThrows(MessageNotWriteableException.class, () -> r2.setText("u"));
    }

    @Test
    void setReadOnly() throws JMSException {
        TernTextMessage m = new TernTextMessage("t");
        m.setReadOnly(true);
        assertThrows(MessageNotWriteableException.class, () -> m.setText("u"));
        assertThrows(MessageNotWriteableException.class, () -> m.setIntProperty("a", 1));
        m.setJMSType("headers stay writable");
        m.setJMSCorrelationID("c");
        m.setReadOnly(false);
        m.setText("u");
        m.setIntProperty("a", 1);

        TernBytesMessage bytes = new TernBytesMessage();
        bytes.writeInt(5);
        bytes.setReadOnly(true); // like reset()
        assertEquals(5, bytes.readInt());
    }

    @Test
    void acknowledgeCallsTheAcknowledger() throws JMSException {
        TernMessage m = new TernMessage();
        m.acknowledge(); // none set: nothing happens
        AtomicInteger calls = new AtomicInteger();
        m.setAcknowledger(calls::incrementAndGet);
        m.acknowledge();
        m.acknowledge();
        assertEquals(2, calls.get());
        m.setAcknowledger(() -> {
            throw new jakarta.jms.IllegalStateException("session closed");
        });
        assertThrows(jakarta.jms.IllegalStateException.class, m::acknowledge);
    }

    @Test
    void correlationIdAsStringAndBytes() throws JMSException {
        TernMessage m = new TernMessage();
        assertNull(m.getJMSCorrelationID());
        assertNull(m.getJMSCorrelationIDAsBytes());
        m.setJMSCorrelationID("abc");
        assertArrayEquals("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8), m.getJMSCorrelationIDAsBytes());
        byte[] bytes = {(byte) 0xFF, 0, 1};
        m.setJMSCorrelationIDAsBytes(bytes);
        bytes[2] = 7;
        assertArrayEquals(new byte[] {(byte) 0xFF, 0, 1}, m.getJMSCorrelationIDAsBytes());
        assertArrayEquals(new byte[] {(byte) 0xFF, 0, 1}, TestMessages.received(m).getJMSCorrelationIDAsBytes());
        m.setJMSCorrelationID(null);
        assertNull(m.getJMSCorrelationIDAsBytes());
    }

    @Test
    void defaultsAndToString() {
        TernTextMessage m = new TernTextMessage("secret body");
        assertEquals(jakarta.jms.DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, m.getJMSPriority());
        assertEquals(0, m.getJMSExpiration());
        assertEquals(0, m.getJMSDeliveryTime());
        m.setJMSMessageID("ID:1");
        String text = m.toString();
        assertTrue(text.contains("TernTextMessage"), text);
        assertTrue(text.contains("ID:1"), text);
        assertFalse(text.contains("secret"), text);
    }

    @Test
    void allTypesHavePublicNoArgConstructors() throws Exception {
        for (Class<?> type : List.of(TernMessage.class, TernTextMessage.class, TernBytesMessage.class,
                TernMapMessage.class, TernObjectMessage.class, TernStreamMessage.class)) {
            assertInstanceOf(Message.class, type.getConstructor().newInstance());
        }
        assertInstanceOf(BytesMessage.class, new TernBytesMessage());
    }
}
