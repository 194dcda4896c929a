package dev.tern.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Point-to-point: competing consumers, prefetch, browsing, and every message type end to end. */
class QueueTest extends BrokerTestSupport {

    // ---- competing consumers: each queue message goes to exactly one consumer

    @Test
    void competingConsumersShareTheMessagesEachExactlyOnce() throws Exception {
        Connection connection = started("prefetch=5");
        Queue queue = connection.createSession().createQueue("work");
        MessageConsumer a = connection.createSession().createConsumer(queue);
        MessageConsumer b = connection.createSession().createConsumer(queue);
        List<String> sent = texts("w", 100);
        Future<List<String>> byA = inBackground(() -> drainSlowly(a));
        Future<List<String>> byB = inBackground(() -> drainSlowly(b));
        sendTexts(connection, queue, sent);

        List<String> gotA = byA.get(20, TimeUnit.SECONDS);
        List<String> gotB = byB.get(20, TimeUnit.SECONDS);
        List<String> all = new ArrayList<>(gotA);
        all.addAll(gotB);
        assertEquals(100, all.size(), "A got " + gotA.size() + ", B got " + gotB.size());
        assertEquals(new HashSet<>(sent), new HashSet<>(all));
        assertFalse(gotA.isEmpty(), "consumer A got nothing");
        assertFalse(gotB.isEmpty(), "consumer B got nothing");
        // each consumer sees its share in queue order
        assertEquals(sortedBySequence(gotA), gotA);
        assertEquals(sortedBySequence(gotB), gotB);
    }

    /** A consumer whose connection was never started must not take messages from one that is. */
    @Test
    void aConsumerOfAStoppedConnectionDoesNotTakeMessagesFromAStartedOne() throws Exception {
        Connection idle = connect();
        Queue queue = idle.createSession().createQueue("idle-competitor");
        idle.createSession().createConsumer(queue); // never started
        Connection active = started();
        Session session = active.createSession();
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 3; i++) {
            producer.send(session.createTextMessage("m" + i));
            TextMessage received = (TextMessage) consumer.receive(RECEIVE_MS);
            assertNotNull(received, "message " + i + " went to the stopped connection's consumer");
            assertEquals("m" + i, received.getText());
        }
    }

    /** Once started, a connection's consumers created while it was stopped receive (their credit opens). */
    @Test
    void consumersCreatedBeforeStartReceiveAfterStart() throws Exception {
        Connection connection = connect("prefetch=2");
        Session session = connection.createSession();
        Queue queue = session.createQueue("before-start");
        MessageConsumer consumer = session.createConsumer(queue);
        sendTexts(connection, queue, texts("b", 5));
        assertNull(consumer.receive(ABSENT_MS));
        connection.start();
        for (int i = 0; i < 5; i++) {
            assertNotNull(consumer.receive(RECEIVE_MS), "message " + i);
        }
        connection.stop();
        connection.start(); // a second start grants nothing more
        sendTexts(connection, queue, texts("c", 5));
        for (int i = 0; i < 5; i++) {
            assertNotNull(consumer.receive(RECEIVE_MS), "message c" + i);
        }
    }

    private static List<String> drainSlowly(MessageConsumer consumer) throws Exception {
        List<String> got = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(1_000)) != null) {
            got.add(text(message));
            Thread.sleep(1);
        }
        return got;
    }

    private static List<String> sortedBySequence(List<String> texts) {
        List<String> sorted = new ArrayList<>(texts);
        sorted.sort((x, y) -> Integer.compare(Integer.parseInt(x.substring(1)), Integer.parseInt(y.substring(1))));
        return sorted;
    }

    @Test
    void slowConsumerWithSmallPrefetchDoesNotHoldMessagesAnotherCouldTake() throws Exception {
        Connection connection = started("prefetch=1");
        Queue queue = connection.createSession().createQueue("prefetched");
        MessageConsumer slow = connection.createSession().createConsumer(queue);
        sendTexts(connection, queue, texts("m", 6));
        assertEquals("m1", text(slow.receive(RECEIVE_MS)));
        // slow now works on m1 and may hold at most one more (its prefetch)

        MessageConsumer idle = connection.createSession().createConsumer(queue);
        List<String> taken = drainTexts(idle);
        assertTrue(taken.size() >= 4, "the idle consumer got only " + taken);

        slow.close(); // gives its prefetched message back
        taken.addAll(drainTexts(idle));
        assertEquals(texts("m", 6).subList(1, 6), sortedBySequence(taken));
    }

    @Test
    void manyMessagesPassInOrder() throws Exception {
        Connection connection = started();
        Queue queue = connection.createSession().createQueue("many");
        List<String> sent = texts("m", 5_000);
        sendTexts(connection, queue, sent);
        assertEquals(sent, receiveTexts(connection.createSession().createConsumer(queue), 5_000));
    }

    @Test
    void largeMessagePassesIntact() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("large");
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 2_000_000; i++) {
            big.append(i).append(',');
        }
        session.createProducer(queue).send(session.createTextMessage(big.toString()));
        assertEquals(big.toString(), text(session.createConsumer(queue).receive(RECEIVE_MS)));
    }

    // ---- browsing

    @Test
    void browserEnumeratesPendingMessagesInOrderWithoutConsumingThem() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("browsed");
        List<String> sent = texts("b", 5);
        sendTexts(connection, queue, sent);

        QueueBrowser browser = session.createBrowser(queue);
        assertEquals(queue, browser.getQueue());
        assertNull(browser.getMessageSelector());
        assertEquals(sent, browseTexts(browser));
        assertEquals(sent, browseTexts(browser), "a second enumeration sees them again");
        assertEquals(sent, receiveTexts(session.createConsumer(queue), 5), "browsing consumed nothing");
        assertEquals(List.of(), browseTexts(browser));
    }

    @Test
    void browserWithSelectorEnumeratesOnlyMatchingMessages() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("browsed");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 1; i <= 6; i++) {
            TextMessage m = session.createTextMessage("n" + i);
            m.setIntProperty("n", i);
            producer.send(m);
        }
        QueueBrowser browser = session.createBrowser(queue, "n > 2 AND n <> 5");
        assertEquals("n > 2 AND n <> 5", browser.getMessageSelector());
        assertEquals(List.of("n3", "n4", "n6"), browseTexts(browser));
    }

    @Test
    void browserSeesRolledBackMessagesInTheirOriginalOrder() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("browsed");
        sendTexts(connection, queue, "x", "y");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        assertEquals("x", text(transacted.createConsumer(queue).receive(RECEIVE_MS)));
        transacted.rollback();
        transacted.close();
        assertEquals(List.of("x", "y"), browseTexts(session.createBrowser(queue)));
    }

    @Test
    void browsingAnEmptyQueueEnumeratesNothing() throws Exception {
        Session session = started().createSession();
        assertEquals(List.of(), browse(session.createBrowser(session.createQueue("nothing-here"))));
    }

    // ---- message types end to end (3.11)

    private Message roundTrip(Message message) throws JMSException {
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("types");
        session.createProducer(queue).send(message);
        Message received = session.createConsumer(queue).receive(RECEIVE_MS);
        assertNotNull(received, "message did not arrive");
        return received;
    }

    private Session session() throws JMSException {
        return connect().createSession();
    }

    private static void setEveryPropertyType(Message m) throws JMSException {
        m.setBooleanProperty("pBoolean", true);
        m.setByteProperty("pByte", (byte) -7);
        m.setShortProperty("pShort", (short) 1234);
        m.setIntProperty("pInt", -123456);
        m.setLongProperty("pLong", 1L << 40);
        m.setFloatProperty("pFloat", 1.5f);
        m.setDoubleProperty("pDouble", Math.PI);
        m.setStringProperty("pString", "héllo ✓");
        m.setObjectProperty("pObject", 42L);
        m.setStringProperty("pEmpty", "");
    }

    private static void assertEveryPropertyType(Message m) throws JMSException {
        assertTrue(m.getBooleanProperty("pBoolean"));
        assertEquals((byte) -7, m.getByteProperty("pByte"));
        assertEquals((short) 1234, m.getShortProperty("pShort"));
        assertEquals(-123456, m.getIntProperty("pInt"));
        assertEquals(1L << 40, m.getLongProperty("pLong"));
        assertEquals(1.5f, m.getFloatProperty("pFloat"));
        assertEquals(Math.PI, m.getDoubleProperty("pDouble"));
        assertEquals("héllo ✓", m.getStringProperty("pString"));
        assertEquals(42L, m.getObjectProperty("pObject"));
        assertEquals("", m.getStringProperty("pEmpty"));
        // the types survive: getObjectProperty returns the wrapper of the type set
        assertInstanceOf(Boolean.class, m.getObjectProperty("pBoolean"));
        assertInstanceOf(Byte.class, m.getObjectProperty("pByte"));
        assertInstanceOf(Short.class, m.getObjectProperty("pShort"));
        assertInstanceOf(Integer.class, m.getObjectProperty("pInt"));
        assertInstanceOf(Long.class, m.getObjectProperty("pLong"));
        assertInstanceOf(Float.class, m.getObjectProperty("pFloat"));
        assertInstanceOf(Double.class, m.getObjectProperty("pDouble"));
        Set<String> names = new HashSet<>(Collections.list(castNames(m)));
        assertTrue(names.containsAll(Set.of("pBoolean", "pByte", "pShort", "pInt", "pLong", "pFloat", "pDouble",
                "pString", "pObject", "pEmpty")), names.toString());
        assertFalse(m.propertyExists("pAbsent"));
        assertNull(m.getStringProperty("pAbsent"));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Enumeration<String> castNames(Message m) throws JMSException {
        return (java.util.Enumeration<String>) m.getPropertyNames();
    }

    @Test
    void textMessageRoundTrip() throws Exception {
        Session s = session();
        TextMessage sent = s.createTextMessage("text body ✓ " + "x".repeat(10_000));
        setEveryPropertyType(sent);
        Message received = roundTrip(sent);
        assertEquals(sent.getText(), assertInstanceOf(TextMessage.class, received).getText());
        assertEquals(sent.getText(), received.getBody(String.class));
        assertTrue(received.isBodyAssignableTo(String.class));
        assertEveryPropertyType(received);
    }

    @Test
    void textMessageWithNullTextRoundTrip() throws Exception {
        Message received = roundTrip(session().createTextMessage());
        assertNull(assertInstanceOf(TextMessage.class, received).getText());
    }

    @Test
    void bytesMessageRoundTrip() throws Exception {
        Session s = session();
        BytesMessage sent = s.createBytesMessage();
        sent.writeBoolean(true);
        sent.writeByte((byte) 1);
        sent.writeShort((short) -2);
        sent.writeChar('c');
        sent.writeInt(3);
        sent.writeLong(4L);
        sent.writeFloat(5.5f);
        sent.writeDouble(6.25);
        sent.writeUTF("utf ✓");
        sent.writeBytes(new byte[] {9, 8, 7});
        sent.writeObject(Integer.valueOf(11));
        setEveryPropertyType(sent);
        BytesMessage received = assertInstanceOf(BytesMessage.class, roundTrip(sent));
        assertTrue(received.getBodyLength() > 0);
        assertTrue(received.readBoolean());
        assertEquals(1, received.readByte());
        assertEquals(-2, received.readShort());
        assertEquals('c', received.readChar());
        assertEquals(3, received.readInt());
        assertEquals(4L, received.readLong());
        assertEquals(5.5f, received.readFloat());
        assertEquals(6.25, received.readDouble());
        assertEquals("utf ✓", received.readUTF());
        byte[] three = new byte[3];
        assertEquals(3, received.readBytes(three));
        assertArrayEquals(new byte[] {9, 8, 7}, three);
        assertEquals(11, received.readInt());
        assertEquals(-1, received.readBytes(new byte[1]), "end of body");
        assertEveryPropertyType(received);
    }

    @Test
    void bytesMessageBodyAsByteArray() throws Exception {
        BytesMessage sent = session().createBytesMessage();
        byte[] payload = new byte[70_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        sent.writeBytes(payload);
        Message received = roundTrip(sent);
        assertArrayEquals(payload, received.getBody(byte[].class));
    }

    @Test
    void mapMessageRoundTrip() throws Exception {
        Session s = session();
        MapMessage sent = s.createMapMessage();
        sent.setBoolean("boolean", true);
        sent.setByte("byte", (byte) 1);
        sent.setShort("short", (short) 2);
        sent.setChar("char", 'z');
        sent.setInt("int", 3);
        sent.setLong("long", 4L);
        sent.setFloat("float", 5.5f);
        sent.setDouble("double", 6.5);
        sent.setString("string", "s ✓");
        sent.setBytes("bytes", new byte[] {1, 2, 3});
        sent.setObject("object", "as object");
        sent.setString("null", null);
        setEveryPropertyType(sent);
        MapMessage received = assertInstanceOf(MapMessage.class, roundTrip(sent));
        assertTrue(received.getBoolean("boolean"));
        assertEquals(1, received.getByte("byte"));
        assertEquals(2, received.getShort("short"));
        assertEquals('z', received.getChar("char"));
        assertEquals(3, received.getInt("int"));
        assertEquals(4L, received.getLong("long"));
        assertEquals(5.5f, received.getFloat("float"));
        assertEquals(6.5, received.getDouble("double"));
        assertEquals("s ✓", received.getString("string"));
        assertArrayEquals(new byte[] {1, 2, 3}, received.getBytes("bytes"));
        assertEquals("as object", received.getObject("object"));
        assertTrue(received.itemExists("null"));
        assertNull(received.getString("null"));
        assertFalse(received.itemExists("absent"));
        Set<String> names = new HashSet<>();
        java.util.Enumeration<?> e = received.getMapNames();
        while (e.hasMoreElements()) {
            names.add((String) e.nextElement());
        }
        assertEquals(Set.of("boolean", "byte", "short", "char", "int", "long", "float", "double", "string", "bytes",
                "object", "null"), names);
        Map<?, ?> body = received.getBody(Map.class);
        assertEquals(3, body.get("int"));
        assertEveryPropertyType(received);
    }

    /** A Serializable application class: the receiver must get an equal copy. */
    record Order(String id, int quantity, List<String> lines) implements Serializable {
    }

    @Test
    void objectMessageRoundTrip() throws Exception {
        Session s = session();
        Order order = new Order("o-1", 3, new ArrayList<>(List.of("a", "b")));
        ObjectMessage sent = s.createObjectMessage(order);
        setEveryPropertyType(sent);
        ObjectMessage received = assertInstanceOf(ObjectMessage.class, roundTrip(sent));
        assertEquals(order, received.getObject());
        assertEquals(order, received.getBody(Order.class));
        assertEveryPropertyType(received);
    }

    @Test
    void objectMessageIsACopyTakenAtSend() throws Exception {
        // ObjectMessage.setObject: the object is serialized when set, later changes to it are not sent
        Session s = session();
        ArrayList<String> list = new ArrayList<>(List.of("before"));
        ObjectMessage sent = s.createObjectMessage(list);
        list.add("after");
        ObjectMessage received = assertInstanceOf(ObjectMessage.class, roundTrip(sent));
        assertEquals(List.of("before"), received.getObject());
    }

    @Test
    void streamMessageRoundTrip() throws Exception {
        Session s = session();
        StreamMessage sent = s.createStreamMessage();
        sent.writeBoolean(false);
        sent.writeByte((byte) 1);
        sent.writeShort((short) 2);
        sent.writeChar('q');
        sent.writeInt(3);
        sent.writeLong(4L);
        sent.writeFloat(5.5f);
        sent.writeDouble(6.5);
        sent.writeString("stream ✓");
        sent.writeBytes(new byte[] {4, 5});
        sent.writeObject(Long.valueOf(99));
        sent.writeString(null);
        setEveryPropertyType(sent);
        StreamMessage received = assertInstanceOf(StreamMessage.class, roundTrip(sent));
        assertFalse(received.readBoolean());
        assertEquals(1, received.readByte());
        assertEquals(2, received.readShort());
        assertEquals('q', received.readChar());
        assertEquals(3, received.readInt());
        assertEquals(4L, received.readLong());
        assertEquals(5.5f, received.readFloat());
        assertEquals(6.5, received.readDouble());
        assertEquals("stream ✓", received.readString());
        byte[] two = new byte[2];
        assertEquals(2, received.readBytes(two));
        assertArrayEquals(new byte[] {4, 5}, two);
        assertEquals(-1, received.readBytes(two), "end of the byte array field");
        assertEquals(99L, received.readObject());
        assertNull(received.readString());
        assertThrows(MessageEOFException.class, received::readObject);
        assertEveryPropertyType(received);
    }

    @Test
    void plainMessageRoundTrip() throws Exception {
        Session s = session();
        Message sent = s.createMessage();
        setEveryPropertyType(sent);
        sent.setJMSType("plain");
        Message received = roundTrip(sent);
        assertFalse(received instanceof TextMessage || received instanceof BytesMessage
                || received instanceof MapMessage || received instanceof ObjectMessage
                || received instanceof StreamMessage, received.getClass().getName());
        assertEquals("plain", received.getJMSType());
        assertNull(received.getBody(Object.class));
        assertEveryPropertyType(received);
    }

    @Test
    void receivedMessagePropertiesAndBodyAreReadOnlyUntilCleared() throws Exception {
        // 3.10: a received message's properties and body are read-only
        TextMessage sent = session().createTextMessage("ro");
        sent.setStringProperty("k", "v");
        TextMessage received = assertInstanceOf(TextMessage.class, roundTrip(sent));
        assertThrows(MessageNotWriteableException.class, () -> received.setStringProperty("k", "w"));
        assertThrows(MessageNotWriteableException.class, () -> received.setText("changed"));
        received.clearProperties();
        received.setStringProperty("k", "w");
        assertEquals("w", received.getStringProperty("k"));
        received.clearBody();
        received.setText("changed");
        assertEquals("changed", received.getText());
    }

    @Test
    void messageCanBeResentAfterReceipt() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        Queue first = session.createQueue("hop1");
        Queue second = session.createQueue("hop2");
        TextMessage original = session.createTextMessage("hop");
        original.setIntProperty("hops", 1);
        session.createProducer(first).send(original);
        Message received = session.createConsumer(first).receive(RECEIVE_MS);
        session.createProducer(second).send(received);
        Message again = session.createConsumer(second).receive(RECEIVE_MS);
        assertEquals("hop", text(again));
        assertEquals(1, again.getIntProperty("hops"));
        assertEquals("hop2", ((Queue) again.getJMSDestination()).getQueueName());
        assertFalse(Arrays.asList(original.getJMSMessageID()).contains(again.getJMSMessageID()),
                "a resent message gets a new ID");
    }
}
