package dev.tern.client;

import dev.tern.client.JmsContextFakes.FakeConnection;
import dev.tern.client.JmsContextFakes.FakeMessage;
import dev.tern.client.JmsContextFakes.Sent;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tern.client.JmsContextFakes.message;
import static dev.tern.client.JmsContextFakes.state;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmsProducerTest {

    private final FakeConnection connection = new FakeConnection();
    private final TernJMSContext context = new TernJMSContext(connection.connection, JMSContext.AUTO_ACKNOWLEDGE);
    private final JMSProducer producer = context.createProducer();
    private final Queue queue = context.createQueue("orders");

    private List<Sent> sent() {
        return connection.onlySession().sent;
    }

    @Test
    void defaultsAreTheSpecificationsAndSettersAreFluent() {
        assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode());
        assertEquals(4, producer.getPriority());
        assertEquals(0, producer.getTimeToLive());
        assertEquals(0, producer.getDeliveryDelay());
        assertFalse(producer.getDisableMessageID());
        assertFalse(producer.getDisableMessageTimestamp());
        assertNull(producer.getAsync());
        assertNull(producer.getJMSCorrelationID());
        assertNull(producer.getJMSType());
        assertNull(producer.getJMSReplyTo());
        assertTrue(producer.getPropertyNames().isEmpty());

        assertSame(producer, producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(0).setTimeToLive(5)
                .setDeliveryDelay(7).setDisableMessageID(true).setDisableMessageTimestamp(true)
                .setJMSType("t").setJMSReplyTo(queue).setJMSCorrelationID("c").setProperty("p", 1));
        assertEquals(DeliveryMode.NON_PERSISTENT, producer.getDeliveryMode());
        assertEquals(0, producer.getPriority());
        assertEquals(5, producer.getTimeToLive());
        assertEquals(7, producer.getDeliveryDelay());
        assertTrue(producer.getDisableMessageID());
        assertTrue(producer.getDisableMessageTimestamp());
    }

    @Test
    void anInvalidDeliveryModeOrPriorityIsRefused() {
        assertThrows(JMSRuntimeException.class, () -> producer.setDeliveryMode(-1));
        assertThrows(JMSRuntimeException.class, () -> producer.setDeliveryMode(3));
        assertThrows(JMSRuntimeException.class, () -> producer.setPriority(-1));
        assertThrows(JMSRuntimeException.class, () -> producer.setPriority(10));
        assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode());
        assertEquals(4, producer.getPriority());
    }

    @Test
    void sendAppliesTheProducersOptionsHeadersAndProperties() throws Exception {
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(7).setTimeToLive(1000).setDeliveryDelay(50)
                .setDisableMessageID(true).setJMSType("order").setJMSReplyTo(queue).setJMSCorrelationID("corr-1")
                .setProperty("region", "eu").setProperty("count", 3).setProperty("JMSXGroupID", "g");
        TextMessage message = context.createTextMessage("hello");
        message.setStringProperty("region", "us"); // replaced by the producer's
        state(message).properties.put("own", true); // kept

        producer.send(queue, message);

        Sent s = sent().get(0);
        assertSame(queue, s.destination());
        assertSame(message, s.message());
        assertEquals(DeliveryMode.NON_PERSISTENT, s.deliveryMode());
        assertEquals(7, s.priority());
        assertEquals(1000, s.timeToLive());
        assertTrue(s.producerCalls().containsAll(List.of("setDeliveryDelay:50", "setDisableMessageID:true",
                "setDisableMessageTimestamp:false")));
        FakeMessage m = state(message);
        assertEquals(Map.of("region", "eu", "count", 3, "own", true, "JMSXGroupID", "g"), m.properties);
        assertEquals("order", m.headers.get("JMSType"));
        assertSame(queue, m.headers.get("JMSReplyTo"));
        assertEquals("corr-1", m.headers.get("JMSCorrelationID"));
    }

    @Test
    void headersNotSetOnTheProducerLeaveTheMessagesAlone() {
        TextMessage message = context.createTextMessage("x");
        state(message).headers.put("JMSType", "theirs");
        producer.send(queue, message);
        assertEquals(Map.of("JMSType", "theirs"), state(message).headers);
    }

    @Test
    void eachBodyTypeBecomesTheMatchingMessage() throws Exception {
        byte[] bytes = {1, 2, 3};
        ArrayList<String> object = new ArrayList<>(List.of("a"));
        producer.send(queue, "text");
        producer.send(queue, Map.of("k", 1));
        producer.send(queue, bytes);
        producer.send(queue, (Serializable) object);

        assertEquals("text", ((TextMessage) sent().get(0).message()).getBody(String.class));
        assertInstanceOf(MapMessage.class, sent().get(1).message());
        assertEquals(Map.of("k", 1), state(sent().get(1).message()).map);
        assertInstanceOf(BytesMessage.class, sent().get(2).message());
        assertSame(bytes, state(sent().get(2).message()).body);
        assertInstanceOf(ObjectMessage.class, sent().get(3).message());
        assertSame(object, state(sent().get(3).message()).body);
    }

    @Test
    void aNullBodySendsAMessageOfTheRightTypeWithoutBody() {
        producer.send(queue, (String) null);
        producer.send(queue, (Map<String, Object>) null);
        producer.send(queue, (byte[]) null);
        producer.send(queue, (Serializable) null);

        assertInstanceOf(TextMessage.class, sent().get(0).message());
        assertInstanceOf(MapMessage.class, sent().get(1).message());
        assertInstanceOf(BytesMessage.class, sent().get(2).message());
        assertInstanceOf(ObjectMessage.class, sent().get(3).message());
        sent().forEach(s -> assertNull(state(s.message()).body));
    }

    @Test
    void invalidSendsThrowTheExceptionsTheJavadocNames() {
        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, "x"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, context.createMessage()));
        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, new byte[0]));
        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, Map.of()));
        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, 5));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.send(queue, (Message) null));
        assertThrows(MessageFormatRuntimeException.class,
                () -> producer.send(queue, Map.<String, Object>of("bad", new ArrayList<>())));
        assertTrue(sent().isEmpty());
    }

    @Test
    void propertiesCannotBeAddedToAReceivedMessage() {
        Message received = message(TextMessage.class);
        state(received).received = true;
        producer.send(queue, received); // no producer properties: fine
        producer.setProperty("p", 1);
        assertThrows(MessageNotWriteableRuntimeException.class, () -> producer.send(queue, received));
        assertEquals(1, sent().size());
    }

    @Test
    void propertyNamesAreALiveUnmodifiableView() {
        Set<String> names = producer.getPropertyNames();
        producer.setProperty("a", true).setProperty("b", (byte) 1).setProperty("c", (short) 2).setProperty("d", 3L)
                .setProperty("e", 1.5f).setProperty("f", 2.5d).setProperty("g", "s").setProperty("h", (Object) 4);
        assertEquals(Set.of("a", "b", "c", "d", "e", "f", "g", "h"), names);
        assertTrue(names.contains("a"));
        assertTrue(producer.propertyExists("h"));
        assertEquals(4, producer.getObjectProperty("h"));
        assertEquals("s", producer.getStringProperty("g"));
        assertEquals(3L, producer.getLongProperty("d"));
        assertThrows(UnsupportedOperationException.class, () -> names.remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> names.add("z"));
        assertThrows(UnsupportedOperationException.class, names::clear);

        producer.clearProperties();
        assertTrue(names.isEmpty());
        assertFalse(producer.propertyExists("a"));
    }

    @Test
    void aPropertyNeedsANameAndAValidValue() {
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty(null, 1));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("", "x"));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("", (Object) 1));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("list", new ArrayList<>()));
        assertTrue(producer.getPropertyNames().isEmpty());
    }

    @Test
    void theCorrelationIdIsOneHeaderAsTextOrBytes() {
        byte[] id = {65, 66};
        producer.setJMSCorrelationIDAsBytes(id);
        id[0] = 0; // copied
        assertArrayEquals(new byte[]{65, 66}, producer.getJMSCorrelationIDAsBytes());
        assertEquals("AB", producer.getJMSCorrelationID());

        Message message = context.createMessage();
        producer.send(queue, message);
        assertArrayEquals(new byte[]{65, 66}, (byte[]) state(message).headers.get("JMSCorrelationIDAsBytes"));

        producer.setJMSCorrelationID("text");
        assertArrayEquals("text".getBytes(), producer.getJMSCorrelationIDAsBytes());
        assertEquals("text", producer.getJMSCorrelationID());
    }
}
