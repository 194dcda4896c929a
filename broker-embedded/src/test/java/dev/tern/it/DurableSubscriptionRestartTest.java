package dev.tern.it;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Durable subscriptions, unshared and shared, across broker restarts: their definition (selector,
 * noLocal), their position, and what was published while they were offline; and what must not come
 * back: unsubscribed ones, non-durable subscriptions, temporary destinations.
 */
class DurableSubscriptionRestartTest extends BrokerTestSupport {

    @TempDir
    Path dataDir;

    private Connection startedOn(TernConnectionFactory factory) throws JMSException {
        Connection connection = track(factory.createConnection());
        connection.start();
        return connection;
    }

    private TernConnectionFactory onDisk(String... options) {
        return new TernConnectionFactory(persistentUrl(dataDir, options));
    }

    private void restart(Connection... open) {
        stopBroker();
        for (Connection connection : open) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException ignored) {
                // the broker is gone
            }
        }
    }

    @Test
    void positionIsKeptAndOfflinePublicationsAreDeliveredAcrossTwoRestarts() throws Exception {
        TernConnectionFactory subscriberFactory = onDisk("clientID=reader");
        Connection subscriber = startedOn(subscriberFactory);
        Session session = subscriber.createSession(Session.CLIENT_ACKNOWLEDGE);
        Topic topic = session.createTopic("ledger");
        MessageConsumer consumer = session.createDurableSubscriber(topic, "books");
        Connection publisher = startedOn(onDisk());
        sendTexts(publisher, topic, texts("m", 6));
        List<String> first = receiveTexts(consumer, 3);
        assertEquals(texts("m", 6).subList(0, 3), first);
        // acknowledge the first three only
        session.recover();
        Message m = null;
        for (int i = 0; i < 3; i++) {
            m = consumer.receive(RECEIVE_MS);
        }
        m.acknowledge();
        consumer.close();
        sendTexts(publisher, topic, "offline-1");
        restart(subscriber, publisher);

        Connection publisher2 = startedOn(onDisk());
        sendTexts(publisher2, topic, "offline-2");
        restart(publisher2);

        Connection again = startedOn(subscriberFactory);
        List<String> expected = new ArrayList<>(texts("m", 6).subList(3, 6));
        expected.add("offline-1");
        expected.add("offline-2");
        assertEquals(expected, drainTexts(again.createSession().createDurableSubscriber(topic, "books")));
    }

    @Test
    void noLocalIsKeptAcrossARestart() throws Exception {
        TernConnectionFactory ownFactory = onDisk("clientID=self");
        Connection own = startedOn(ownFactory);
        Topic topic = own.createSession().createTopic("chatter");
        own.createSession().createDurableSubscriber(topic, "others", null, true).close();
        restart(own);

        Connection ownAgain = startedOn(ownFactory);
        sendTexts(ownAgain, topic, "mine");
        Connection other = startedOn(onDisk());
        sendTexts(other, topic, "theirs");
        assertEquals(List.of("theirs"),
                drainTexts(ownAgain.createSession().createDurableSubscriber(topic, "others", null, true)));
    }

    @Test
    void sharedDurableSubscriptionSurvivesARestartWithItsSelector() throws Exception {
        TernConnectionFactory factory = onDisk();
        Connection connection = startedOn(factory);
        Session session = connection.createSession();
        Topic topic = session.createTopic("jobs");
        session.createSharedDurableConsumer(topic, "workers", "urgent = TRUE").close();
        MessageProducer producer = session.createProducer(topic);
        for (boolean urgent : new boolean[] {true, false, true}) {
            Message message = session.createTextMessage(urgent ? "urgent" : "later");
            message.setBooleanProperty("urgent", urgent);
            producer.send(message);
        }
        restart(connection);

        Connection again = startedOn(factory);
        Session s1 = again.createSession();
        Session s2 = again.createSession();
        MessageConsumer c1 = s1.createSharedDurableConsumer(topic, "workers", "urgent = TRUE");
        MessageConsumer c2 = s2.createSharedDurableConsumer(topic, "workers", "urgent = TRUE");
        List<String> got = new ArrayList<>(drainTexts(c1));
        got.addAll(drainTexts(c2));
        assertEquals(List.of("urgent", "urgent"), got);
        c1.close();
        c2.close();
        s1.unsubscribe("workers");
        restart(again);

        Connection third = startedOn(factory);
        Session s3 = third.createSession();
        sendTexts(third, topic, "after");
        // a new subscription of that name starts empty: the old one and its messages are gone for good
        MessageConsumer fresh = s3.createSharedDurableConsumer(topic, "workers");
        assertNoMessage(fresh);
    }

    @Test
    void nonDurableSubscriptionsAndTemporaryQueuesDoNotComeBack() throws Exception {
        TernConnectionFactory factory = onDisk();
        Connection connection = startedOn(factory);
        Session session = connection.createSession();
        Topic topic = session.createTopic("ephemeral");
        MessageConsumer nonDurable = session.createConsumer(topic);
        MessageConsumer sharedNonDurable = session.createSharedConsumer(topic, "pool");
        TemporaryQueue temporary = session.createTemporaryQueue();
        Message persistent = session.createTextMessage("to-temp");
        session.createProducer(temporary).send(persistent);
        sendTexts(connection, topic, "published");
        restart(connection);

        Connection again = startedOn(factory);
        Session s = again.createSession();
        assertNoMessage(s.createConsumer(topic));
        assertNoMessage(s.createSharedConsumer(topic, "pool"));
        assertThrows(InvalidDestinationException.class, () -> s.createProducer(temporary).send(s.createTextMessage("x")));
    }
}
