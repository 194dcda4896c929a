package dev.tern.it;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE acknowledgements go to the broker asynchronously and in
 * batches; whatever the session does next that depends on them (recover, closing a consumer, the
 * session or the connection, stopping the connection) must see them applied first. Each test leaves
 * acknowledgements waiting in a batch (the consumer still has prefetched messages buffered, so the
 * session is not idle) before that next step.
 */
class AsyncAcknowledgementTest extends BrokerTestSupport {

    private static final long SETTLE_MS = 300;

    /** A consumer whose prefetch buffer holds all of {@code texts} before the first receive. */
    private MessageConsumer bufferedConsumer(Connection connection, Session session, Queue queue, String... texts)
            throws Exception {
        sendTexts(connection, queue, texts);
        MessageConsumer consumer = session.createConsumer(queue);
        Thread.sleep(SETTLE_MS); // let the broker push everything into the buffer
        return consumer;
    }

    @ParameterizedTest
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    void recoverRedeliversNothingThatWasAcknowledged(int mode) throws Exception {
        Connection connection = started();
        Session session = connection.createSession(false, mode);
        Queue queue = session.createQueue("recover-" + mode);
        MessageConsumer consumer = bufferedConsumer(connection, session, queue, "a", "b", "c", "d", "e");
        assertEquals(List.of("a", "b"), receiveTexts(consumer, 2));
        session.recover();
        Message next = consumer.receive(RECEIVE_MS);
        assertEquals("c", text(next));
        assertFalse(next.getJMSRedelivered(), "c was never handed out before");
        assertEquals(List.of("d", "e"), receiveTexts(consumer, 2));
        assertNoMessage(consumer);
    }

    @ParameterizedTest
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    void closingTheConnectionRightAfterReceivingRedeliversNothingReceived(int mode) throws Exception {
        Connection connection = started();
        Session session = connection.createSession(false, mode);
        Queue queue = session.createQueue("close-" + mode);
        MessageConsumer consumer = bufferedConsumer(connection, session, queue, "a", "b", "c", "d", "e");
        assertEquals(List.of("a", "b"), receiveTexts(consumer, 2));
        connection.close();

        Connection next = started();
        MessageConsumer after = next.createSession().createConsumer(queue);
        List<String> rest = new ArrayList<>();
        Message m;
        while ((m = after.receive(ABSENT_MS)) != null) {
            rest.add(text(m));
            assertFalse(m.getJMSRedelivered(), text(m) + " was only prefetched, never handed out");
        }
        assertEquals(List.of("c", "d", "e"), rest);
    }

    @ParameterizedTest
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    void aClosedConsumersReceivedMessagesAreNotRedelivered(int mode) throws Exception {
        Connection connection = started();
        Session session = connection.createSession(false, mode);
        Queue queue = session.createQueue("consumer-close-" + mode);
        MessageConsumer consumer = bufferedConsumer(connection, session, queue, "a", "b", "c", "d");
        assertEquals(List.of("a", "b"), receiveTexts(consumer, 2));
        consumer.close();
        MessageConsumer second = session.createConsumer(queue);
        assertEquals(List.of("c", "d"), receiveTexts(second, 2));
        session.close();
        assertNoMessage(started().createSession().createConsumer(queue));
    }

    @ParameterizedTest
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    void listenerAcknowledgementsInBatchesAreAllApplied(int mode) throws Exception {
        Connection connection = started();
        Session session = connection.createSession(false, mode);
        Queue queue = session.createQueue("listener-" + mode);
        int count = 700; // several batches and a partial one
        List<String> texts = texts("m", count);
        sendTexts(connection, queue, texts);
        CountDownLatch all = new CountDownLatch(count);
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        session.createConsumer(queue).setMessageListener(message -> {
            try {
                received.add(text(message));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            all.countDown();
        });
        assertTrue(all.await(30, TimeUnit.SECONDS), "received " + received.size());
        connection.stop();
        connection.close();
        assertEquals(texts, received);
        assertNoMessage(started().createSession().createConsumer(queue));
    }
}
