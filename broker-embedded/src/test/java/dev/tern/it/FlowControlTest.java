package dev.tern.it;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Producer flow control: a destination holds at most {@code maxDestinationBytes} (plus what the
 * producers have in flight); beyond it a send waits (BLOCK) or fails (FAIL).
 */
class FlowControlTest extends BrokerTestSupport {

    /** About 1 KiB encoded. */
    private static final String BODY = "x".repeat(1000);
    private static final int COUNT = 60;
    /** A small client window, so that over TCP a non-persistent producer blocks after a few sends. */
    private static final String WINDOW = "producerWindowSize=2048";

    @TempDir
    Path dataDir;

    private Connection connectTo(String url) throws JMSException {
        Connection connection = track(new TernConnectionFactory(url).createConnection());
        connection.start();
        return connection;
    }

    @Test
    void aNonPersistentSendBlocksWhileTheQueueIsFullAndGoesOnWhenAConsumerDrainsIt() throws Exception {
        blocksUntilDrained(url("maxDestinationBytes=8k", WINDOW), DeliveryMode.NON_PERSISTENT);
    }

    @Test
    void aPersistentSendBlocksWhileTheQueueIsFull() throws Exception {
        // journalled messages cost their index entries only (48 bytes each): 768 is 16 of them
        blocksUntilDrained(persistentUrl(dataDir, "maxDestinationBytes=768", WINDOW), DeliveryMode.PERSISTENT);
    }

    private void blocksUntilDrained(String url, int deliveryMode) throws Exception {
        Connection producing = connectTo(url);
        Queue queue = producing.createSession().createQueue("blocked");
        AtomicInteger sent = new AtomicInteger();
        Future<?> producer = inBackground(() -> {
            Session session = producing.createSession();
            MessageProducer p = session.createProducer(queue);
            p.setDeliveryMode(deliveryMode);
            for (int i = 1; i <= COUNT; i++) {
                p.send(session.createTextMessage(i + ":" + BODY));
                sent.incrementAndGet();
            }
            return null;
        });
        int stalledAt = awaitStall(sent);
        assertTrue(stalledAt < COUNT, "the producer is held up before sending everything, sent " + stalledAt);
        assertFalse(producer.isDone());

        Connection consuming = connectTo(url);
        MessageConsumer consumer = consuming.createSession().createConsumer(queue);
        for (int i = 1; i <= COUNT; i++) {
            String text = text(consumer.receive(10_000));
            assertEquals(i, Integer.parseInt(text.substring(0, text.indexOf(':'))), "in order");
        }
        producer.get(10, TimeUnit.SECONDS);
        assertNoMessage(consumer);
    }

    /** Waits until {@code counter} stops moving for a while; returns its value then. */
    private static int awaitStall(AtomicInteger counter) throws InterruptedException {
        int last = -1;
        while (true) {
            Thread.sleep(500);
            int now = counter.get();
            if (now == last && now > 0) {
                return now;
            }
            last = now;
        }
    }

    @Test
    void aProducerAndAConsumerOnOneConnectionKeepGoing() throws Exception {
        Connection connection = connectTo(url("maxDestinationBytes=4k", WINDOW));
        Queue queue = connection.createSession().createQueue("shared-connection");
        int count = 300;
        Future<?> producer = inBackground(() -> {
            Session session = connection.createSession();
            MessageProducer p = session.createProducer(queue);
            p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 1; i <= count; i++) {
                p.send(session.createTextMessage(i + ":" + BODY));
            }
            return null;
        });
        MessageConsumer consumer = connection.createSession().createConsumer(queue);
        for (int i = 1; i <= count; i++) {
            String text = text(consumer.receive(10_000));
            assertEquals(i, Integer.parseInt(text.substring(0, text.indexOf(':'))));
        }
        producer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFullTopicSubscriptionHoldsUpThePublisher() throws Exception {
        String url = url("maxDestinationBytes=8k", WINDOW);
        Connection connection = connectTo(url);
        Session subscriberSession = connection.createSession();
        Topic topic = subscriberSession.createTopic("busy");
        MessageConsumer slow = subscriberSession.createConsumer(topic);
        AtomicInteger sent = new AtomicInteger();
        Future<?> publisher = inBackground(() -> {
            Connection publishing = connectTo(url);
            Session session = publishing.createSession();
            MessageProducer p = session.createProducer(topic);
            p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 1; i <= COUNT; i++) {
                p.send(session.createTextMessage(i + ":" + BODY));
                sent.incrementAndGet();
            }
            return null;
        });
        assertTrue(awaitStall(sent) < COUNT, "the publisher waits for the subscriber");
        assertEquals(COUNT, receiveAll(slow, COUNT));
        publisher.get(10, TimeUnit.SECONDS);
    }

    private static int receiveAll(MessageConsumer consumer, int count) throws JMSException {
        for (int i = 1; i <= count; i++) {
            text(consumer.receive(10_000));
        }
        return count;
    }

    @Test
    void expiringMessagesMakeRoomForABlockedProducerWithoutAnyConsumer() throws Exception {
        Connection connection = connectTo(url("maxDestinationBytes=4k", WINDOW));
        Session session = connection.createSession();
        Queue queue = session.createQueue("expiring");
        MessageProducer shortLived = session.createProducer(queue);
        shortLived.setTimeToLive(300);
        for (int i = 0; i < 4; i++) {
            shortLived.send(session.createTextMessage(BODY)); // fills the queue
        }
        Future<?> blocked = inBackground(() -> {
            Session s = connection.createSession();
            MessageProducer p = s.createProducer(queue);
            for (int i = 0; i < 3; i++) {
                p.send(s.createTextMessage("kept " + i));
            }
            return null;
        });
        blocked.get(10, TimeUnit.SECONDS); // the expired ones were dropped, nobody consumed
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals(List.of("kept 0", "kept 1", "kept 2"), drainTexts(consumer));
    }

    @Test
    void aPersistentSendToAFullQueueFailsWithResourceAllocationExceptionUnderFail() throws Exception {
        Connection connection = connectTo(url("maxDestinationBytes=4k", "destinationFullPolicy=FAIL"));
        Session session = connection.createSession();
        Queue queue = session.createQueue("refusing");
        MessageProducer producer = session.createProducer(queue); // persistent: the send waits for its receipt
        int accepted = 0;
        ResourceAllocationException refused = null;
        while (refused == null && accepted < 100) {
            try {
                producer.send(session.createTextMessage(BODY));
                accepted++;
            } catch (ResourceAllocationException e) {
                refused = e;
            }
        }
        assertTrue(refused != null && accepted >= 3 && accepted <= 5, "refused after " + accepted + " sends");
        MessageConsumer consumer = session.createConsumer(queue);
        List<String> drained = drainTexts(consumer);
        assertEquals(accepted, drained.size(), "the refused message was not stored");
        producer.send(session.createTextMessage("room again"));
        assertEquals("room again", text(consumer.receive(RECEIVE_MS)));
    }

    @Test
    void aNonPersistentRefusalIsThrownByALaterSendOfTheProducer() throws Exception {
        Connection connection = connectTo(url("maxDestinationBytes=4k", "destinationFullPolicy=FAIL"));
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(session.createQueue("refusing-fast"));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        assertThrows(ResourceAllocationException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                producer.send(session.createTextMessage(BODY));
                Thread.sleep(1); // over TCP the refusal of an earlier send comes back meanwhile
            }
        });
    }

    @Test
    void jmsContextSendToAFullQueueThrowsResourceAllocationRuntimeException() throws Exception {
        TernConnectionFactory factory = factory("maxDestinationBytes=4k", "destinationFullPolicy=FAIL");
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("refusing-context");
            JMSProducer producer = context.createProducer(); // persistent by default
            assertThrows(ResourceAllocationRuntimeException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    producer.send(queue, BODY);
                }
            });
        }
    }

    @Test
    void closingTheConnectionFailsABlockedSend() throws Exception {
        for (int mode : new int[] {DeliveryMode.PERSISTENT, DeliveryMode.NON_PERSISTENT}) {
            Connection connection = connectTo(url("maxDestinationBytes=4k", WINDOW));
            Future<?> producer = blockedProducer(connection, mode, "closing-" + mode);
            connection.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> producer.get(10, TimeUnit.SECONDS));
            assertInstanceOf(JMSException.class, e.getCause(), "a blocked send fails with a JMSException");
        }
    }

    @Test
    void stoppingTheBrokerFailsABlockedSend() throws Exception {
        Connection connection = connectTo(url("maxDestinationBytes=4k", WINDOW));
        Future<?> producer = blockedProducer(connection, DeliveryMode.PERSISTENT, "stopping");
        stopBroker();
        ExecutionException e = assertThrows(ExecutionException.class, () -> producer.get(10, TimeUnit.SECONDS));
        assertInstanceOf(JMSException.class, e.getCause());
    }

    /** A producer that sends until it blocks on the full queue. */
    private Future<?> blockedProducer(Connection connection, int mode, String queueName) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        Future<?> producer = inBackground(() -> {
            Session session = connection.createSession();
            MessageProducer p = session.createProducer(session.createQueue(queueName));
            p.setDeliveryMode(mode);
            for (int i = 0; i < 10_000; i++) {
                p.send(session.createTextMessage(BODY));
                sent.incrementAndGet();
            }
            return null;
        });
        awaitStall(sent);
        assertFalse(producer.isDone(), "blocked");
        return producer;
    }
}
