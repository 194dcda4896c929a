package dev.tern.client;

import dev.tern.client.JmsContextFakes.FakeConnection;
import dev.tern.client.JmsContextFakes.FakeSession;
import dev.tern.client.JmsContextFakes.Recorder;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import static dev.tern.client.JmsContextFakes.message;
import static dev.tern.client.JmsContextFakes.proxy;
import static dev.tern.client.JmsContextFakes.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JmsContextConsumerTest {

    private final FakeConnection connection = new FakeConnection();

    private JMSConsumer consumer(TernJMSContext context) {
        return context.createConsumer(context.createQueue("q"));
    }

    private static Message withBody(Class<? extends Message> kind, Object body) {
        Message m = message(kind);
        state(m).body = body;
        return m;
    }

    @Test
    void receiveBodyReturnsTheBodyOfEachSupportedType() {
        TernJMSContext context = new TernJMSContext(connection.connection, JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer consumer = consumer(context);
        byte[] bytes = {1};
        Deque<Message> incoming = connection.onlySession().incoming;
        incoming.add(withBody(TextMessage.class, "text"));
        incoming.add(withBody(MapMessage.class, Map.of("k", "v")));
        incoming.add(withBody(BytesMessage.class, bytes));
        incoming.add(withBody(ObjectMessage.class, 42));

        assertEquals("text", consumer.receiveBody(String.class));
        assertEquals(Map.of("k", "v"), consumer.receiveBody(Map.class, 100));
        assertSame(bytes, consumer.receiveBodyNoWait(byte[].class));
        assertEquals(42, consumer.receiveBody(Number.class, 100));
        assertNull(consumer.receiveBodyNoWait(String.class));
    }

    @Test
    void aRefusedBodyInAutoModeIsDeliveredAgainFirst() throws JMSException {
        for (int mode : new int[]{JMSContext.AUTO_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE}) {
            FakeConnection fresh = new FakeConnection();
            TernJMSContext context = new TernJMSContext(fresh.connection, mode);
            JMSConsumer consumer = consumer(context);
            Message text = withBody(TextMessage.class, "text");
            fresh.onlySession().incoming.add(text);
            fresh.onlySession().incoming.add(withBody(TextMessage.class, "next"));

            assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class));
            assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBodyNoWait(Map.class));
            assertEquals("text", consumer.receiveBody(String.class, 10));
            assertEquals("next", consumer.receiveBodyNoWait(String.class));

            fresh.onlySession().incoming.add(withBody(TextMessage.class, "again"));
            assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(byte[].class, 10));
            assertEquals("again", consumer.receive().getBody(String.class), "a plain receive gets it too");
        }
    }

    @Test
    void aRefusedBodyInClientModeCountsAsDelivered() {
        TernJMSContext context = new TernJMSContext(connection.connection, JMSContext.CLIENT_ACKNOWLEDGE);
        JMSConsumer consumer = consumer(context);
        Message refused = withBody(TextMessage.class, "text");
        connection.onlySession().incoming.add(refused);
        connection.onlySession().incoming.add(withBody(TextMessage.class, "next"));

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class));
        context.acknowledge();
        assertEquals(1, state(refused).acknowledged);
        assertEquals("next", consumer.receiveBody(String.class));
    }

    @Test
    void streamPlainAndBodilessMessagesAreRefused() {
        TernJMSContext context = new TernJMSContext(connection.connection, JMSContext.SESSION_TRANSACTED);
        JMSConsumer consumer = consumer(context);
        Deque<Message> incoming = connection.onlySession().incoming;
        incoming.add(withBody(StreamMessage.class, "x"));
        incoming.add(message(Message.class));
        incoming.add(withBody(TextMessage.class, null));

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class));
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class));
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(String.class));
        assertNull(consumer.receiveNoWait());
    }

    @Test
    void aConsumerThatCanRefuseMessagesItselfIsAskedTo() {
        TernJMSContext context = new TernJMSContext(connection.connection, JMSContext.AUTO_ACKNOWLEDGE);
        context.createMessage();
        FakeSession session = connection.onlySession();
        Deque<Message> unconsumed = new ArrayDeque<>();
        unconsumed.add(withBody(TextMessage.class, "text"));
        Recorder recorder = new Recorder();
        recorder.on("receiveAndRead", args -> {
            Message head = unconsumed.peek();
            if (head == null) {
                return null;
            }
            Object body = ((TernJMSConsumer.BodyReader<?>) args[1]).read(head); // throws: stays unconsumed
            unconsumed.poll();
            return body;
        });
        MessageConsumer refusing = proxy(MessageConsumer.class, recorder, TernJMSConsumer.BodyReceiver.class);
        session.recorder.on("createConsumer", args -> refusing);
        JMSConsumer consumer = consumer(context);

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBodyNoWait(Integer.class));
        assertEquals("text", consumer.receiveBody(String.class, 5));
        assertNull(consumer.receiveBody(String.class));
        assertEquals(java.util.List.of("receiveAndRead:-1", "receiveAndRead:5", "receiveAndRead:0"), recorder.calls);
    }

    @Test
    void theSelectorComesFromTheClassicConsumer() throws JMSException {
        TernJMSContext context = new TernJMSContext(connection.connection, JMSContext.AUTO_ACKNOWLEDGE);
        context.createMessage();
        Recorder recorder = new Recorder().on("getMessageSelector", args -> "a = 1");
        connection.onlySession().recorder.on("createConsumer", args -> proxy(MessageConsumer.class, recorder));
        JMSConsumer consumer = context.createConsumer(context.createQueue("q"), "a = 1");
        assertEquals("a = 1", consumer.getMessageSelector());
        consumer.close();
        assertEquals(1, recorder.count("close"));
    }
}
