package dev.tern.it;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.ServerSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application server facilities: ConnectionConsumer, ServerSessionPool, Session.run (spec: application server facilities). */
class ConnectionConsumerTest extends BrokerTestSupport {

    /** Collects what the pooled sessions' listener is given. */
    static final class Collector implements MessageListener {
        final List<String> texts = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch latch;

        Collector(int expected) {
            latch = new CountDownLatch(expected);
        }

        @Override
        public void onMessage(Message message) {
            try {
                texts.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                texts.add(e.toString());
            }
            latch.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(latch.await(RECEIVE_MS * 2, TimeUnit.MILLISECONDS), "got only " + texts);
        }
    }

    /**
     * The smallest application server: a fixed set of Tern sessions with a session listener;
     * {@code ServerSession.start()} runs the session on a worker thread, then returns it to the pool.
     */
    final class SimpleServerSessionPool implements ServerSessionPool {
        private final BlockingQueue<ServerSession> idle = new LinkedBlockingQueue<>();

        SimpleServerSessionPool(Connection connection, int size, MessageListener listener) throws JMSException {
            for (int i = 0; i < size; i++) {
                Session session = connection.createSession();
                session.setMessageListener(listener);
                idle.add(new PooledServerSession(session));
            }
        }

        @Override
        public ServerSession getServerSession() throws JMSException {
            try {
                return idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JMSException("Interrupted while waiting for a server session");
            }
        }

        final class PooledServerSession implements ServerSession {
            private final Session session;

            PooledServerSession(Session session) {
                this.session = session;
            }

            @Override
            public Session getSession() {
                return session;
            }

            @Override
            public void start() {
                inBackground(() -> {
                    try {
                        session.run();
                    } finally {
                        idle.add(this);
                    }
                    return null;
                });
            }
        }
    }

    @Test
    void messagesReachTheListenerOfThePooledSessions() throws Exception {
        Connection connection = started();
        Queue queue = connection.createSession().createQueue("served");
        Collector collector = new Collector(20);
        SimpleServerSessionPool pool = new SimpleServerSessionPool(connection, 2, collector);
        ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null, pool, 1);
        assertSame(pool, consumer.getServerSessionPool());
        List<String> sent = texts("c", 20);
        sendTexts(connection, queue, sent);

        collector.await();
        assertEquals(new HashSet<>(sent), new HashSet<>(collector.texts));
        assertEquals(20, collector.texts.size(), "each message once");
        consumer.close();
        assertNoMessage(connection.createSession().createConsumer(queue));
    }

    @Test
    void batchesOfSeveralMessagesPerServerSession() throws Exception {
        Connection connection = started();
        Queue queue = connection.createSession().createQueue("served");
        Collector collector = new Collector(30);
        ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null,
                new SimpleServerSessionPool(connection, 1, collector), 5);
        List<String> sent = texts("b", 30);
        sendTexts(connection, queue, sent);
        collector.await();
        // one server session runs its batches one after the other: queue order is kept
        assertEquals(sent, collector.texts);
        consumer.close();
    }

    @Test
    void connectionConsumerWithASelector() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("served");
        Collector collector = new Collector(2);
        connection.createConnectionConsumer(queue, "n > 1", new SimpleServerSessionPool(connection, 1, collector), 1);
        jakarta.jms.MessageProducer producer = session.createProducer(queue);
        for (int n = 1; n <= 3; n++) {
            TextMessage m = session.createTextMessage("n" + n);
            m.setIntProperty("n", n);
            producer.send(m);
        }
        collector.await();
        assertEquals(List.of("n2", "n3"), collector.texts);
    }

    @Test
    void connectionConsumerOnATopic() throws Exception {
        Connection connection = started();
        Topic topic = connection.createSession().createTopic("served-topic");
        Collector collector = new Collector(3);
        connection.createConnectionConsumer(topic, null, new SimpleServerSessionPool(connection, 1, collector), 1);
        sendTexts(connection, topic, "t1", "t2", "t3");
        collector.await();
        assertEquals(List.of("t1", "t2", "t3"), collector.texts);
    }

    @Test
    void durableConnectionConsumerNeedsAClientId() throws Exception {
        Connection connection = started();
        Topic topic = connection.createSession().createTopic("served-topic");
        SimpleServerSessionPool pool = new SimpleServerSessionPool(connection, 1, new Collector(1));
        assertThrows(IllegalStateException.class,
                () -> connection.createDurableConnectionConsumer(topic, "sub", null, pool, 1));
    }

    @Test
    void durableConnectionConsumerGetsMessagesPublishedWhileItWasClosed() throws Exception {
        Connection connection = started("clientID=server");
        Topic topic = connection.createSession().createTopic("served-topic");
        Collector first = new Collector(1);
        ConnectionConsumer consumer = connection.createDurableConnectionConsumer(topic, "sub", null,
                new SimpleServerSessionPool(connection, 1, first), 1);
        sendTexts(connection, topic, "online");
        first.await();
        consumer.close();
        sendTexts(connection, topic, "offline");

        Collector second = new Collector(1);
        connection.createDurableConnectionConsumer(topic, "sub", null,
                new SimpleServerSessionPool(connection, 1, second), 1);
        second.await();
        assertEquals(List.of("offline"), second.texts);
    }

    @Test
    void nothingIsDeliveredWhileTheConnectionIsStopped() throws Exception {
        Connection connection = connect();
        Queue queue = connection.createSession().createQueue("served");
        Collector collector = new Collector(1);
        connection.createConnectionConsumer(queue, null, new SimpleServerSessionPool(connection, 1, collector), 1);
        sendTexts(connection, queue, "wait");
        assertFalse(collector.latch.await(ABSENT_MS, TimeUnit.MILLISECONDS));
        connection.start();
        collector.await();
    }

    @Test
    void closedConnectionConsumerLeavesMessagesOnTheQueue() throws Exception {
        Connection connection = started();
        Queue queue = connection.createSession().createQueue("served");
        ConnectionConsumer consumer = connection.createConnectionConsumer(queue, null,
                new SimpleServerSessionPool(connection, 1, new Collector(0)), 1);
        consumer.close();
        assertThrows(IllegalStateException.class, consumer::getServerSessionPool);
        sendTexts(connection, queue, "left");
        assertEquals(List.of("left"), drainTexts(connection.createSession().createConsumer(queue)));
    }
}
