package dev.tern.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synchronous receive and asynchronous delivery (spec 8.2, 8.7, 6.2.6 serial delivery). */
class ConsumerTest extends BrokerTestSupport {

    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void open() throws JMSException {
        connection = started();
        session = connection.createSession();
        queue = session.createQueue("consumed");
    }

    @Test
    void receiveBlocksUntilAMessageArrives() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        Future<Message> receiving = inBackground(consumer::receive);
        Thread.sleep(ABSENT_MS);
        assertFalse(receiving.isDone());
        sendTexts(connection, queue, "arrived");
        assertEquals("arrived", text(receiving.get(RECEIVE_MS, TimeUnit.MILLISECONDS)));
    }

    @Test
    void receiveWithTimeoutReturnsNullWhenNothingArrives() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        long start = System.nanoTime();
        assertNull(consumer.receive(ABSENT_MS));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= ABSENT_MS - 20, "returned after " + waited + " ms");
        assertTrue(waited < ABSENT_MS + 1_500, "returned after " + waited + " ms");
    }

    @Test
    void receiveWithTimeoutReturnsAMessageSentMeanwhile() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        Future<Message> receiving = inBackground(() -> consumer.receive(RECEIVE_MS * 2));
        Thread.sleep(100);
        sendTexts(connection, queue, "in time");
        assertEquals("in time", text(receiving.get(RECEIVE_MS * 2, TimeUnit.MILLISECONDS)));
    }

    @Test
    void receiveNoWaitReturnsNullOnAnEmptyQueue() throws Exception {
        assertNull(session.createConsumer(queue).receiveNoWait());
    }

    @Test
    void receiveNoWaitReturnsAMessageThatIsAvailable() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        sendTexts(connection, queue, "ready");
        // the broker pushes asynchronously: poll until it is available, without ever blocking
        long deadline = System.currentTimeMillis() + RECEIVE_MS;
        Message message = null;
        while (message == null && System.currentTimeMillis() < deadline) {
            message = consumer.receiveNoWait();
            if (message == null) {
                Thread.sleep(10);
            }
        }
        assertEquals("ready", text(message));
        assertNull(consumer.receiveNoWait());
    }

    @Test
    void messagesArriveInSendOrder() throws Exception {
        List<String> sent = texts("m", 50);
        sendTexts(connection, queue, sent);
        assertEquals(sent, receiveTexts(session.createConsumer(queue), 50));
    }

    @Test
    void listenerReceivesMessagesInOrder() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(20);
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                seen.add(text(m));
            } catch (JMSException e) {
                seen.add(e.toString());
            }
            all.countDown();
        });
        List<String> sent = texts("l", 20);
        sendTexts(connection, queue, sent);
        assertTrue(all.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "seen " + seen);
        assertEquals(sent, seen);
    }

    @Test
    void everyListenerOfASessionWithManyConsumersGetsItsOwnMessagesInOrder() throws Exception {
        // the session dispatcher queues consumers as deliveries arrive instead of scanning them all
        int queues = 500;
        int perQueue = 3;
        List<List<String>> seen = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(queues * perQueue);
        Session producing = connection.createSession();
        for (int q = 0; q < queues; q++) {
            List<String> mine = Collections.synchronizedList(new ArrayList<>());
            seen.add(mine);
            session.createConsumer(session.createQueue("many-" + q)).setMessageListener(m -> {
                try {
                    mine.add(text(m));
                } catch (JMSException e) {
                    mine.add(e.toString());
                }
                all.countDown();
            });
        }
        var producer = producing.createProducer(null);
        for (int i = 0; i < perQueue; i++) {
            for (int q = 0; q < queues; q++) {
                producer.send(producing.createQueue("many-" + q), producing.createTextMessage(q + ":" + i));
            }
        }
        assertTrue(all.await(RECEIVE_MS * 2, TimeUnit.MILLISECONDS), "delivered " + (queues * perQueue - all.getCount()));
        for (int q = 0; q < queues; q++) {
            assertEquals(List.of(q + ":0", q + ":1", q + ":2"), seen.get(q), "queue " + q);
        }
    }

    @Test
    void messagesBufferedWhileStoppedReachEveryListenerAfterStart() throws Exception {
        connection.stop();
        Queue other = session.createQueue("consumed-too");
        CountDownLatch all = new CountDownLatch(10);
        session.createConsumer(queue).setMessageListener(m -> all.countDown());
        session.createConsumer(other).setMessageListener(m -> all.countDown());
        sendTexts(connection, queue, texts("a", 5));
        sendTexts(connection, other, texts("b", 5));
        Thread.sleep(ABSENT_MS);
        assertEquals(10, all.getCount(), "delivered while stopped");
        connection.start();
        assertTrue(all.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "delivered " + (10 - all.getCount()));
    }

    @Test
    void listenersOfOneSessionAreNeverCalledConcurrently() throws Exception {
        // 4.4.6 / 6.2.6: a session delivers serially, also across its consumers
        Queue other = session.createQueue("consumed-too");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(40);
        MessageListener listener = m -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            all.countDown();
        };
        session.createConsumer(queue).setMessageListener(listener);
        session.createConsumer(other).setMessageListener(listener);
        Future<?> a = inBackground(() -> {
            sendTexts(connection, queue, texts("a", 20));
            return null;
        });
        Future<?> b = inBackground(() -> {
            sendTexts(connection, other, texts("b", 20));
            return null;
        });
        a.get(RECEIVE_MS, TimeUnit.MILLISECONDS);
        b.get(RECEIVE_MS, TimeUnit.MILLISECONDS);
        assertTrue(all.await(RECEIVE_MS * 2, TimeUnit.MILLISECONDS), "delivered " + (40 - all.getCount()));
        assertEquals(1, maxRunning.get(), "onMessage calls overlapped");
    }

    @Test
    void receiveOnAConsumerWithAListenerIsRejected() throws Exception {
        // 8.7: a consumer delivers either synchronously or to its listener; mixing is an error
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(m -> { });
        assertThrows(JMSException.class, consumer::receiveNoWait);
        assertThrows(JMSException.class, () -> consumer.receive(10));
    }

    @Test
    void listenerCanBeReadBackAndRemoved() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        assertNull(consumer.getMessageListener());
        MessageListener listener = m -> { };
        consumer.setMessageListener(listener);
        assertSame(listener, consumer.getMessageListener());
        consumer.setMessageListener(null);
        assertNull(consumer.getMessageListener());
    }

    @Test
    void consumerCanSwitchFromListenerToReceiveWhileTheConnectionIsStopped() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        CountDownLatch first = new CountDownLatch(1);
        consumer.setMessageListener(m -> first.countDown());
        sendTexts(connection, queue, "to listener");
        assertTrue(first.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        connection.stop();
        consumer.setMessageListener(null);
        sendTexts(connection, queue, "to receive");
        connection.start();
        assertEquals("to receive", text(consumer.receive(RECEIVE_MS)));
    }

    @Test
    void recoverInAnAutoAcknowledgeListenerRedeliversTheCurrentMessage() throws Exception {
        // Session.recover from onMessage in AUTO_ACKNOWLEDGE: the message being processed comes again
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                seen.add(text(m) + ":" + m.getJMSRedelivered());
                if (!m.getJMSRedelivered()) {
                    session.recover();
                }
            } catch (JMSException e) {
                seen.add(e.toString());
            }
            twice.countDown();
        });
        sendTexts(connection, queue, "again");
        assertTrue(twice.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "seen " + seen);
        assertEquals(List.of("again:false", "again:true"), seen);
        assertNoMessage(connection.createSession().createConsumer(queue));
    }

    @Test
    void closeUnblocksABlockedReceive() throws Exception {
        // MessageConsumer.close: a blocked receive returns null
        MessageConsumer consumer = session.createConsumer(queue);
        Future<Message> receiving = inBackground(consumer::receive);
        Thread.sleep(ABSENT_MS);
        consumer.close();
        assertNull(receiving.get(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void connectionCloseUnblocksABlockedReceive() throws Exception {
        // Connection.close: a blocked receive returns null
        MessageConsumer consumer = session.createConsumer(queue);
        Future<Message> receiving = inBackground(consumer::receive);
        Thread.sleep(ABSENT_MS);
        connection.close();
        assertNull(receiving.get(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void closingAConsumerReturnsItsPrefetchedMessagesToTheQueue() throws Exception {
        MessageConsumer first = session.createConsumer(queue);
        sendTexts(connection, queue, texts("p", 5));
        assertEquals("p1", text(first.receive(RECEIVE_MS)));
        first.close();
        assertEquals(texts("p", 5).subList(1, 5), drainTexts(connection.createSession().createConsumer(queue)));
    }

    @Test
    void sessionCloseWaitsForARunningListener() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        session.createConsumer(queue).setMessageListener(m -> {
            entered.countDown();
            ConnectionTest.awaitQuietly(release);
            finished.incrementAndGet();
        });
        sendTexts(connection, queue, "slow");
        assertTrue(entered.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        Future<Object> closing = inBackground(() -> {
            session.close();
            return null;
        });
        Thread.sleep(ABSENT_MS);
        assertFalse(closing.isDone(), "Session.close returned while onMessage was running");
        release.countDown();
        closing.get(RECEIVE_MS, TimeUnit.MILLISECONDS);
        assertEquals(1, finished.get());
    }

    @Test
    void consumerReportsItsSelector() throws Exception {
        MessageConsumer plain = session.createConsumer(queue);
        assertNull(plain.getMessageSelector());
        MessageConsumer selective = session.createConsumer(queue, "color = 'red'");
        assertEquals("color = 'red'", selective.getMessageSelector());
        MessageConsumer emptySelector = session.createConsumer(queue, "");
        assertTrue(emptySelector.getMessageSelector() == null || emptySelector.getMessageSelector().isEmpty());
    }

    @Test
    void createConsumerOnNullDestinationIsInvalid() {
        assertThrows(jakarta.jms.InvalidDestinationException.class, () -> session.createConsumer(null));
    }
}
