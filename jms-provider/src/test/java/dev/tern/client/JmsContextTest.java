package dev.tern.client;

import dev.tern.client.JmsContextFakes.FakeConnection;
import dev.tern.client.JmsContextFakes.FakeSession;
import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.tern.client.JmsContextFakes.message;
import static dev.tern.client.JmsContextFakes.state;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmsContextTest {

    private final FakeConnection connection = new FakeConnection();

    private TernJMSContext context(int mode) {
        return new TernJMSContext(connection.connection, mode);
    }

    @Test
    void anInvalidSessionModeIsRefusedAndTheNewConnectionClosed() {
        assertThrows(JMSRuntimeException.class, () -> context(7));
        assertEquals(1, connection.recorder.count("close"));
    }

    @Test
    void theSessionIsCreatedOnFirstNeedWithTheContextsMode() {
        for (int mode : new int[]{JMSContext.AUTO_ACKNOWLEDGE, JMSContext.CLIENT_ACKNOWLEDGE,
                JMSContext.DUPS_OK_ACKNOWLEDGE, JMSContext.SESSION_TRANSACTED}) {
            FakeConnection fresh = new FakeConnection();
            TernJMSContext context = new TernJMSContext(fresh.connection, mode);
            assertTrue(fresh.sessions.isEmpty());
            assertEquals(mode, context.getSessionMode());
            assertEquals(mode == JMSContext.SESSION_TRANSACTED, context.getTransacted());

            context.createTextMessage("a");
            context.createQueue("q");
            assertEquals(mode, fresh.onlySession().mode);
        }
    }

    @Test
    void theClientIdMayBeSetOnlyAsTheFirstAction() {
        TernJMSContext first = context(JMSContext.AUTO_ACKNOWLEDGE);
        first.setClientID("app-1");
        assertEquals("app-1", first.getClientID());
        assertThrows(IllegalStateRuntimeException.class, () -> first.setClientID("app-2"));

        TernJMSContext late = new TernJMSContext(new FakeConnection().connection, JMSContext.AUTO_ACKNOWLEDGE);
        late.createProducer();
        assertThrows(IllegalStateRuntimeException.class, () -> late.setClientID("app-3"));

        TernJMSContext afterMetaData = new TernJMSContext(new FakeConnection().connection, JMSContext.AUTO_ACKNOWLEDGE);
        afterMetaData.getMetaData();
        assertThrows(IllegalStateRuntimeException.class, () -> afterMetaData.setClientID("app-4"));
    }

    @Test
    void aContextSharingTheConnectionCannotSetTheClientId() {
        TernJMSContext parent = context(JMSContext.AUTO_ACKNOWLEDGE);
        JMSContext child = parent.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        assertThrows(IllegalStateRuntimeException.class, () -> child.setClientID("x"));
        // creating another context on the connection was an action on it
        assertThrows(IllegalStateRuntimeException.class, () -> parent.setClientID("x"));
    }

    @Test
    void contextsSharingAConnectionHaveTheirOwnSessionsAndTheLastCloseClosesIt() {
        TernJMSContext parent = context(JMSContext.AUTO_ACKNOWLEDGE);
        JMSContext child = parent.createContext(JMSContext.SESSION_TRANSACTED);
        assertThrows(JMSRuntimeException.class, () -> parent.createContext(42));

        parent.createMessage();
        child.createMessage();
        assertEquals(2, connection.sessions.size());
        assertEquals(JMSContext.SESSION_TRANSACTED, connection.sessions.get(1).mode);

        parent.close();
        assertEquals(1, connection.sessions.get(0).recorder.count("close"));
        assertEquals(0, connection.recorder.count("close"));
        child.createMessage(); // still usable

        child.close();
        assertEquals(1, connection.recorder.count("close"));
        child.close();
        parent.close();
        assertEquals(1, connection.recorder.count("close"));
    }

    @Test
    void theConnectionStartsWhenAConsumerIsCreatedUnlessAutoStartIsOff() {
        TernJMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        assertTrue(context.getAutoStart());
        Queue queue = context.createQueue("q");
        context.createBrowser(queue);
        assertEquals(0, connection.recorder.count("start"));

        context.setAutoStart(false);
        context.createConsumer(queue);
        assertEquals(0, connection.recorder.count("start"));

        context.setAutoStart(true);
        context.createConsumer(queue, "a = 1");
        assertEquals(1, connection.recorder.count("start"));

        context.stop();
        context.start();
        assertEquals(1, connection.recorder.count("stop"));
        assertEquals(2, connection.recorder.count("start"));
    }

    @Test
    void everyKindOfConsumerGoesToTheMatchingSessionMethod() {
        TernJMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Topic topic = context.createTopic("t");
        context.createConsumer(topic, null, true);
        context.createDurableConsumer(topic, "d1");
        context.createDurableConsumer(topic, "d2", "a = 1", false);
        context.createSharedConsumer(topic, "s1");
        context.createSharedConsumer(topic, "s2", "a = 1");
        context.createSharedDurableConsumer(topic, "sd1");
        context.createSharedDurableConsumer(topic, "sd2", "a = 1");
        context.unsubscribe("d1");

        List<String> calls = connection.onlySession().recorder.calls;
        assertEquals(List.of("createTopic:t", "createConsumer:" + topic, "createDurableConsumer:" + topic,
                "createDurableConsumer:" + topic, "createSharedConsumer:" + topic, "createSharedConsumer:" + topic,
                "createSharedDurableConsumer:" + topic, "createSharedDurableConsumer:" + topic, "unsubscribe:d1"),
                calls);
    }

    @Test
    void aNullDestinationIsAnInvalidDestination() {
        TernJMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createConsumer(null));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createConsumer(null, "a = 1"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createDurableConsumer(null, "d"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createSharedConsumer(null, "s"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createSharedDurableConsumer(null, "s"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createBrowser(null));
    }

    @Test
    void transactionControlNeedsATransactedContext() {
        TernJMSContext auto = context(JMSContext.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateRuntimeException.class, auto::commit);
        assertThrows(IllegalStateRuntimeException.class, auto::rollback);
        auto.createMessage();
        auto.recover();
        assertEquals(1, connection.onlySession().recorder.count("recover"));

        JMSContext transacted = auto.createContext(JMSContext.SESSION_TRANSACTED);
        assertThrows(IllegalStateRuntimeException.class, transacted::recover);
        transacted.createMessage();
        transacted.commit();
        transacted.rollback();
        FakeSession session = connection.sessions.get(1);
        assertEquals(1, session.recorder.count("commit"));
        assertEquals(1, session.recorder.count("rollback"));
    }

    @Test
    void aFailedCommitThrowsItsRuntimeCounterpart() {
        TernJMSContext context = context(JMSContext.SESSION_TRANSACTED);
        context.createMessage();
        connection.onlySession().recorder.on("commit", args -> {
            throw new TransactionRolledBackException("the broker rolled it back");
        });
        assertThrows(TransactionRolledBackRuntimeException.class, context::commit);
    }

    @Test
    void acknowledgeAcknowledgesThroughTheLastConsumedMessageInClientMode() {
        TernJMSContext client = context(JMSContext.CLIENT_ACKNOWLEDGE);
        JMSConsumer consumer = client.createConsumer(client.createQueue("q"));
        client.acknowledge(); // nothing consumed yet: nothing to do
        Message first = message(TextMessage.class);
        Message second = message(TextMessage.class);
        connection.onlySession().incoming.add(first);
        connection.onlySession().incoming.add(second);
        consumer.receive();
        consumer.receiveNoWait();

        client.acknowledge();

        assertEquals(0, state(first).acknowledged);
        assertEquals(1, state(second).acknowledged);
    }

    @Test
    void acknowledgeDoesNothingInTheOtherModes() {
        for (int mode : new int[]{JMSContext.AUTO_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE,
                JMSContext.SESSION_TRANSACTED}) {
            FakeConnection fresh = new FakeConnection();
            TernJMSContext context = new TernJMSContext(fresh.connection, mode);
            JMSConsumer consumer = context.createConsumer(context.createQueue("q"));
            Message m = message(TextMessage.class);
            fresh.onlySession().incoming.add(m);
            consumer.receive(10);
            context.acknowledge();
            assertEquals(0, state(m).acknowledged);
        }
    }

    @Test
    void aClosedContextRefusesEverythingButClose() {
        TernJMSContext context = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = context.createQueue("q");
        JMSProducer producer = context.createProducer();
        context.close();
        assertDoesNotThrow(context::close);

        List<Executable> refused = List.of(context::acknowledge, context::start, context::stop, context::recover,
                context::getClientID, context::getMetaData, context::createMessage, context::createProducer,
                () -> context.createConsumer(queue), () -> context.createQueue("q2"),
                () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE), () -> context.setClientID("c"),
                () -> producer.send(queue, "late"), () -> context.unsubscribe("d"));
        for (Executable call : refused) {
            assertThrows(IllegalStateRuntimeException.class, call);
        }
        assertEquals(1, connection.recorder.count("close"));
    }

    @Test
    void aMessageListenerMayNotCloseOrStopItsOwnContext() throws Exception {
        TernJMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        JMSContext other = context.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer consumer = context.createConsumer(context.createQueue("q"));
        AtomicReference<Throwable> onClose = new AtomicReference<>();
        AtomicReference<Throwable> onStop = new AtomicReference<>();
        AtomicReference<Throwable> onStopOther = new AtomicReference<>();
        AtomicReference<TextMessage> created = new AtomicReference<>();
        consumer.setMessageListener(message -> {
            onClose.set(assertThrows(Throwable.class, context::close));
            onStop.set(assertThrows(Throwable.class, context::stop));
            onStopOther.set(assertThrows(Throwable.class, other::stop));
            created.set(context.createTextMessage("reply")); // the context stays usable
        });

        connection.sessions.get(0).deliver(message(TextMessage.class));

        assertInstanceOf(IllegalStateRuntimeException.class, onClose.get());
        assertInstanceOf(IllegalStateRuntimeException.class, onStop.get());
        assertInstanceOf(IllegalStateRuntimeException.class, onStopOther.get());
        assertEquals("reply", state(created.get()).body);
        // outside the listener both are fine again
        other.close();
        context.stop();
        context.close();
        assertEquals(1, connection.recorder.count("close"));
    }

    @Test
    void theListenerGivenIsTheListenerReturned() {
        TernJMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer consumer = context.createConsumer(context.createQueue("q"));
        jakarta.jms.MessageListener listener = m -> { };
        consumer.setMessageListener(listener);
        assertEquals(listener, consumer.getMessageListener());
        consumer.setMessageListener(null);
        assertEquals(null, consumer.getMessageListener());
    }

    @Test
    void aCompletionListenerMayNotCloseCommitOrRollBackItsOwnContext() {
        TernJMSContext context = context(JMSContext.SESSION_TRANSACTED);
        TernJMSContext other = (TernJMSContext) context.createContext(JMSContext.SESSION_TRANSACTED);
        Queue queue = context.createQueue("q");
        List<Throwable> failures = new java.util.ArrayList<>();
        AtomicReference<Message> completed = new AtomicReference<>();
        context.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                failures.add(assertThrows(Throwable.class, context::close));
                failures.add(assertThrows(Throwable.class, context::commit));
                failures.add(assertThrows(Throwable.class, context::rollback));
                other.createMessage();
                other.commit(); // another context is fine
                completed.set(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        }).send(queue, "async");

        assertEquals(3, failures.size());
        failures.forEach(f -> assertInstanceOf(IllegalStateRuntimeException.class, f));
        assertEquals("async", state(completed.get()).body);
        context.commit();
        context.close();
        other.close();
    }

    @Test
    void eachContextMakesItsOwnProducers() {
        TernJMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        JMSProducer a = context.createProducer();
        JMSProducer b = context.createProducer();
        assertNotSame(a, b);
        a.setPriority(9);
        assertEquals(4, b.getPriority());
        assertFalse(connection.sessions.isEmpty());
    }
}
