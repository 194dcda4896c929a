package dev.tern.broker.net;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TransactionRolledBackException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JMS API over the TCP transport against a real broker on loopback. */
class TcpTransportTest extends TcpTestSupport {

    @Test
    void sendsAndReceivesPersistentAndNonPersistentMessages() throws Exception {
        startBroker();
        Connection connection = started();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("orders");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("persistent"));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int i = 0; i < 100; i++) {
            producer.send(session.createTextMessage("fast-" + i));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals("persistent", ((TextMessage) consumer.receive(5_000)).getText());
        for (int i = 0; i < 100; i++) {
            TextMessage m = (TextMessage) consumer.receive(5_000);
            assertNotNull(m, "message " + i);
            assertEquals("fast-" + i, m.getText());
        }
        assertNull(consumer.receive(200));
    }

    @Test
    void topicsBrowsersTemporaryQueuesAndTransactions() throws Exception {
        startBroker();
        Connection connection = started();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("news");
        MessageConsumer a = session.createConsumer(topic);
        MessageConsumer b = session.createConsumer(topic);
        session.createProducer(topic).send(session.createTextMessage("hello"));
        assertEquals("hello", ((TextMessage) a.receive(5_000)).getText());
        assertEquals("hello", ((TextMessage) b.receive(5_000)).getText());

        Queue queue = session.createQueue("browse");
        session.createProducer(queue).send(session.createTextMessage("one"));
        QueueBrowser browser = session.createBrowser(queue);
        assertEquals(1, Collections.list(browser.getEnumeration()).size());

        TemporaryQueue temporary = session.createTemporaryQueue();
        session.createProducer(temporary).send(session.createTextMessage("temp"));
        assertEquals("temp", ((TextMessage) session.createConsumer(temporary).receive(5_000)).getText());

        Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer txProducer = tx.createProducer(queue);
        txProducer.send(tx.createTextMessage("two"));
        tx.rollback();
        txProducer.send(tx.createTextMessage("three"));
        tx.commit();
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals("one", ((TextMessage) consumer.receive(5_000)).getText());
        assertEquals("three", ((TextMessage) consumer.receive(5_000)).getText());
        assertNull(consumer.receive(200));
    }

    @Test
    void asyncSendCompletesOnReceipt() throws Exception {
        startBroker();
        Connection connection = started();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("async"));
        CountDownLatch done = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            producer.send(session.createTextMessage("m" + i), new jakarta.jms.CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    done.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                }
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
    }

    @Test
    void wrongCredentialsAreAJmsSecurityException() throws Exception {
        startBroker(TcpAcceptorConfig.builder().authenticator((user, password) ->
                "alice".equals(user) && "secret".equals(password)));
        jakarta.jms.ConnectionFactory factory = new dev.tern.client.TernConnectionFactory(url());
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "wrong"));
        assertThrows(JMSSecurityException.class, factory::createConnection);
        Connection ok = track(factory.createConnection("alice", "secret"));
        ok.createSession().close();
        Connection viaUrl = track(new dev.tern.client.TernConnectionFactory(url("user=alice", "password=secret"))
                .createConnection());
        viaUrl.createSession().close();
    }

    @Test
    void aFailedSendInATransactionMakesTheCommitFail() throws Exception {
        startBroker();
        Connection connection = started();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue temporary = session.createTemporaryQueue();
        Connection other = started();
        Session tx = other.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = tx.createProducer(temporary);
        temporary.delete();
        producer.send(tx.createTextMessage("lost"));
        assertThrows(TransactionRolledBackException.class, tx::commit);
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
