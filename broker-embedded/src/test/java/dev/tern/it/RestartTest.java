package dev.tern.it;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Persistence: what survives a broker stop and start on the same data directory (spec: PERSISTENT delivery mode, durable subscriptions, transactions). */
class RestartTest extends BrokerTestSupport {

    @TempDir
    Path dataDir;

    private TernConnectionFactory persistentFactory(String... options) {
        return new TernConnectionFactory(persistentUrl(dataDir, options));
    }

    private Connection startedOn(TernConnectionFactory factory) throws JMSException {
        Connection connection = track(factory.createConnection());
        connection.start();
        return connection;
    }

    /** Stops the broker and closes the connections that were open on it. */
    private void restart(Connection... open) {
        stopBroker();
        for (Connection connection : open) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException ignored) {
                // the broker is gone; closing the client side is all that is left to do
            }
        }
    }

    @Test
    void persistentMessagesSurviveARestartAndAcknowledgedOnesDoNot() throws Exception {
        TernConnectionFactory factory = persistentFactory();
        Connection connection = startedOn(factory);
        Queue queue = connection.createSession().createQueue("kept");
        sendTexts(connection, queue, texts("p", 10));
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        Message last = null;
        for (int i = 1; i <= 4; i++) {
            last = consumer.receive(RECEIVE_MS);
            assertEquals("p" + i, text(last));
        }
        last.acknowledge();
        restart(connection);

        Connection again = startedOn(factory);
        assertEquals(texts("p", 10).subList(4, 10), drainTexts(again.createSession().createConsumer(queue)));
    }

    @Test
    void receivedButUnacknowledgedMessagesComeBackAfterARestart() throws Exception {
        TernConnectionFactory factory = persistentFactory();
        Connection connection = startedOn(factory);
        Queue queue = connection.createSession().createQueue("in-flight");
        sendTexts(connection, queue, "a", "b");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        assertEquals(List.of("a", "b"), receiveTexts(session.createConsumer(queue), 2));
        restart(connection);

        Connection again = startedOn(factory);
        assertEquals(List.of("a", "b"), drainTexts(again.createSession().createConsumer(queue)));
    }

    @Test
    void nonPersistentMessagesAreGoneAfterARestart() throws Exception {
        TernConnectionFactory factory = persistentFactory();
        Connection connection = startedOn(factory);
        Session session = connection.createSession();
        Queue queue = session.createQueue("mixed");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("volatile"), DeliveryMode.NON_PERSISTENT, 4, 0);
        producer.send(session.createTextMessage("durable"), DeliveryMode.PERSISTENT, 4, 0);
        restart(connection);

        Connection again = startedOn(factory);
        assertEquals(List.of("durable"), drainTexts(again.createSession().createConsumer(queue)));
    }

    @Test
    void durableSubscriptionAndItsPendingMessagesSurviveARestart() throws Exception {
        TernConnectionFactory subscriberFactory = persistentFactory("clientID=subscriber");
        Connection subscriber = startedOn(subscriberFactory);
        Topic topic = subscriber.createSession().createTopic("events");
        subscriber.createSession().createDurableSubscriber(topic, "audit").close();
        subscriber.close();
        Connection publisher = startedOn(persistentFactory());
        sendTexts(publisher, topic, "e1", "e2", "e3");
        restart(publisher);

        Connection again = startedOn(subscriberFactory);
        MessageConsumer consumer = again.createSession().createDurableSubscriber(topic, "audit");
        assertEquals(List.of("e1", "e2", "e3"), drainTexts(consumer));
        // and the subscription still receives new messages
        sendTexts(again, topic, "e4");
        assertEquals(List.of("e4"), drainTexts(consumer));
    }

    @Test
    void unsubscribedDurableSubscriptionStaysDeletedAfterARestart() throws Exception {
        TernConnectionFactory factory = persistentFactory("clientID=subscriber");
        Connection connection = startedOn(factory);
        Session session = connection.createSession();
        Topic topic = session.createTopic("events");
        session.createDurableSubscriber(topic, "temporary").close();
        sendTexts(connection, topic, "pending");
        session.unsubscribe("temporary");
        restart(connection);

        Connection again = startedOn(factory);
        assertNoMessage(again.createSession().createDurableSubscriber(topic, "temporary"));
    }

    @Test
    void uncommittedTransactedSendsDoNotSurviveARestart() throws Exception {
        TernConnectionFactory factory = persistentFactory();
        Connection connection = startedOn(factory);
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = transacted.createQueue("tx");
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(transacted.createTextMessage("committed"));
        transacted.commit();
        producer.send(transacted.createTextMessage("uncommitted1"));
        producer.send(transacted.createTextMessage("uncommitted2"));
        restart(connection);

        Connection again = startedOn(factory);
        assertEquals(List.of("committed"), drainTexts(again.createSession().createConsumer(queue)));
    }

    @Test
    void committedTransactedReceivesStayAcknowledgedAfterARestart() throws Exception {
        TernConnectionFactory factory = persistentFactory();
        Connection connection = startedOn(factory);
        Queue queue = connection.createSession().createQueue("tx-acks");
        sendTexts(connection, queue, "t1", "t2", "t3");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = transacted.createConsumer(queue);
        assertEquals("t1", text(consumer.receive(RECEIVE_MS)));
        transacted.commit();
        assertEquals("t2", text(consumer.receive(RECEIVE_MS)));
        restart(connection); // t2's acknowledgement was never committed

        Connection again = startedOn(factory);
        assertEquals(List.of("t2", "t3"), drainTexts(again.createSession().createConsumer(queue)));
    }

    @Test
    void exceptionListenerIsToldWhenTheBrokerGoesAway() throws Exception {
        // 6.1.8: a provider that detects a serious problem with a connection informs its ExceptionListener
        Connection connection = startedOn(persistentFactory());
        CountDownLatch told = new CountDownLatch(1);
        connection.setExceptionListener(e -> told.countDown());
        stopBroker();
        assertTrue(told.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "ExceptionListener not called");
    }

    @Test
    void persistentQueueKeepsPriorityOrderAcrossARestart() throws Exception {
        TernConnectionFactory factory = persistentFactory();
        Connection connection = startedOn(factory);
        Session session = connection.createSession();
        Queue queue = session.createQueue("prio");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("low"), DeliveryMode.PERSISTENT, 1, 0);
        producer.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);
        producer.send(session.createTextMessage("low2"), DeliveryMode.PERSISTENT, 1, 0);
        restart(connection);

        Connection again = startedOn(factory);
        MessageConsumer consumer = again.createSession().createConsumer(queue);
        Message first = consumer.receive(RECEIVE_MS);
        assertNotNull(first);
        assertEquals("high", text(first));
        assertEquals(List.of("low", "low2"), drainTexts(consumer));
    }

    @Test
    void delayedMessageSurvivesARestartAndIsStillHeldBack() throws Exception {
        TernConnectionFactory factory = persistentFactory();
        Connection connection = startedOn(factory);
        Session session = connection.createSession();
        Queue queue = session.createQueue("delayed");
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(1_500);
        Message sent = session.createTextMessage("later");
        producer.send(sent);
        restart(connection);

        Connection again = startedOn(factory);
        MessageConsumer consumer = again.createSession().createConsumer(queue);
        if (System.currentTimeMillis() < sent.getJMSDeliveryTime() - ABSENT_MS) {
            assertEquals(null, consumer.receive(ABSENT_MS), "delivered before its delivery time");
        }
        assertEquals("later", text(consumer.receive(RECEIVE_MS + 1_500)));
        assertTrue(System.currentTimeMillis() >= sent.getJMSDeliveryTime());
    }

    @Test
    void messagesExpiredDuringTheRestartAreNotDelivered() throws Exception {
        TernConnectionFactory factory = persistentFactory();
        Connection connection = startedOn(factory);
        Session session = connection.createSession();
        Queue queue = session.createQueue("expiring");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("short"), DeliveryMode.PERSISTENT, 4, 200);
        producer.send(session.createTextMessage("long"), DeliveryMode.PERSISTENT, 4, 600_000);
        restart(connection);
        Thread.sleep(ABSENT_MS);

        Connection again = startedOn(factory);
        MessageConsumer consumer = again.createSession().createConsumer(queue);
        Message message = consumer.receive(RECEIVE_MS);
        assertEquals("long", text(message));
        assertTrue(message.getJMSExpiration() > System.currentTimeMillis(), "JMSExpiration kept across the restart");
        assertNoMessage(consumer);
    }

    @Test
    void durableSubscriptionKeepsItsSelectorAcrossARestart() throws Exception {
        TernConnectionFactory factory = persistentFactory("clientID=subscriber");
        Connection connection = startedOn(factory);
        Session session = connection.createSession();
        Topic topic = session.createTopic("filtered");
        session.createDurableSubscriber(topic, "reds", "color = 'red'", false).close();
        restart(connection);

        Connection again = startedOn(factory);
        Session s = again.createSession();
        MessageProducer producer = s.createProducer(topic);
        for (String color : List.of("red", "blue", "red")) {
            Message m = s.createTextMessage(color);
            m.setStringProperty("color", color);
            producer.send(m);
        }
        // reopened with the same selector: the same subscription, filtering as before
        assertEquals(List.of("red", "red"), drainTexts(s.createDurableSubscriber(topic, "reds", "color = 'red'", false)));
    }
}
