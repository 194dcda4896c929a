package dev.tern.it;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message delivered but not acknowledged before the broker went away comes back flagged as
 * redelivered with a higher delivery count (a stop forgets in-memory delivery state just as a crash
 * does; the kill -9 version is {@code dev.tern.broker.store.BrokerCrashTest}).
 */
class RedeliveryAfterRestartTest extends BrokerTestSupport {

    @TempDir
    Path dataDir;

    private Connection startedOn(TernConnectionFactory factory) throws JMSException {
        Connection connection = track(factory.createConnection());
        connection.start();
        return connection;
    }

    private void restart(Connection open) {
        stopBroker();
        try {
            open.close();
        } catch (JMSException | RuntimeException ignored) {
            // the broker is gone
        }
    }

    @Test
    void deliveredButUnacknowledgedMessageIsFlaggedRedeliveredAfterARestart() throws Exception {
        TernConnectionFactory factory = new TernConnectionFactory(persistentUrl(dataDir));
        Connection connection = startedOn(factory);
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("redelivered");
        sendTexts(connection, queue, "seen", "unseen");
        MessageConsumer consumer = session.createConsumer(queue);
        Message first = consumer.receive(RECEIVE_MS);
        assertEquals("seen", text(first));
        assertFalse(first.getJMSRedelivered());
        session.recover();
        Message second = consumer.receive(RECEIVE_MS);
        assertEquals(2, second.getIntProperty("JMSXDeliveryCount"));
        restart(connection);

        Connection again = startedOn(factory);
        Session session2 = again.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer2 = session2.createConsumer(queue);
        Message back = consumer2.receive(RECEIVE_MS);
        assertNotNull(back);
        assertEquals("seen", text(back));
        assertTrue(back.getJMSRedelivered());
        assertEquals(3, back.getIntProperty("JMSXDeliveryCount"), "higher than before the restart");
        Message other = consumer2.receive(RECEIVE_MS);
        assertEquals("unseen", text(other));
        other.acknowledge();
        restart(again);

        Connection third = startedOn(factory);
        assertEquals(java.util.List.of(), drainTexts(third.createSession().createConsumer(queue)));
    }

    @Test
    void messageNeverDeliveredIsNotFlaggedAfterARestart() throws Exception {
        TernConnectionFactory factory = new TernConnectionFactory(persistentUrl(dataDir));
        Connection connection = startedOn(factory);
        Queue queue = connection.createSession().createQueue("untouched");
        sendTexts(connection, queue, "a");
        restart(connection);

        Connection again = startedOn(factory);
        Message message = again.createSession().createConsumer(queue).receive(RECEIVE_MS);
        assertEquals("a", text(message));
        assertFalse(message.getJMSRedelivered());
        assertEquals(1, message.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void durableSubscriberSeesItsUnacknowledgedMessageAsRedeliveredAfterARestart() throws Exception {
        TernConnectionFactory factory = new TernConnectionFactory(persistentUrl(dataDir));
        Connection connection = track(factory.createConnection());
        connection.setClientID("subscriber");
        connection.start();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Topic topic = session.createTopic("news");
        MessageConsumer subscriber = session.createDurableSubscriber(topic, "daily");
        sendTexts(connection, topic, "headline");
        assertEquals("headline", text(subscriber.receive(RECEIVE_MS)));
        restart(connection);

        Connection again = track(factory.createConnection());
        again.setClientID("subscriber");
        again.start();
        Session session2 = again.createSession(Session.CLIENT_ACKNOWLEDGE);
        Message back = session2.createDurableSubscriber(topic, "daily").receive(RECEIVE_MS);
        assertEquals("headline", text(back));
        assertTrue(back.getJMSRedelivered());
        assertEquals(2, back.getIntProperty("JMSXDeliveryCount"));
    }
}
