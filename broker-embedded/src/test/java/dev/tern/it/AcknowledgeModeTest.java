package dev.tern.it;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acknowledgement modes and local transactions (spec 6.2.7 - 6.2.10). */
class AcknowledgeModeTest extends BrokerTestSupport {

    private Connection connection;
    private Queue queue;

    private void open() throws JMSException {
        connection = started();
        queue = connection.createSession().createQueue("ack");
    }

    // ---- session modes

    @Test
    void sessionReportsItsModes() throws Exception {
        open();
        assertEquals(Session.AUTO_ACKNOWLEDGE, connection.createSession().getAcknowledgeMode());
        assertFalse(connection.createSession().getTransacted());
        assertEquals(Session.CLIENT_ACKNOWLEDGE, connection.createSession(Session.CLIENT_ACKNOWLEDGE).getAcknowledgeMode());
        assertEquals(Session.DUPS_OK_ACKNOWLEDGE,
                connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE).getAcknowledgeMode());
        Session transacted = connection.createSession(true, Session.AUTO_ACKNOWLEDGE);
        assertTrue(transacted.getTransacted());
        assertEquals(Session.SESSION_TRANSACTED, transacted.getAcknowledgeMode());
    }

    @Test
    void invalidSessionModeIsRejected() throws Exception {
        open();
        assertThrows(JMSException.class, () -> connection.createSession(false, 42));
    }

    // ---- AUTO and DUPS_OK

    @Test
    void autoAcknowledgedMessageIsNotRedelivered() throws Exception {
        open();
        sendTexts(connection, queue, "a");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        assertEquals("a", text(session.createConsumer(queue).receive(RECEIVE_MS)));
        session.close();
        assertNoMessage(connection.createSession().createConsumer(queue));
    }

    @Test
    void dupsOkAcknowledgedMessageIsNotRedeliveredAfterClose() throws Exception {
        open();
        sendTexts(connection, queue, "a", "b");
        Session session = connection.createSession(Session.DUPS_OK_ACKNOWLEDGE);
        assertEquals(List.of("a", "b"), receiveTexts(session.createConsumer(queue), 2));
        session.close();
        assertNoMessage(connection.createSession().createConsumer(queue));
    }

    @Test
    void firstDeliveryIsNotFlaggedRedelivered() throws Exception {
        open();
        sendTexts(connection, queue, "a");
        Message message = connection.createSession().createConsumer(queue).receive(RECEIVE_MS);
        assertNotNull(message);
        assertFalse(message.getJMSRedelivered());
        assertEquals(1, message.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void listenerThrowingInAutoModeGetsTheMessageAgainFlaggedRedelivered() throws Exception {
        // 8.7: a listener throwing a RuntimeException in AUTO_ACKNOWLEDGE: the message is redelivered
        open();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                seen.add(text(m) + ":" + m.getJMSRedelivered() + ":" + m.getIntProperty("JMSXDeliveryCount"));
            } catch (JMSException e) {
                seen.add(e.toString());
            }
            twice.countDown();
            if (twice.getCount() == 1) {
                throw new RuntimeException("listener fails on purpose");
            }
        });
        sendTexts(connection, queue, "boom");
        assertTrue(twice.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "redelivery missing; seen " + seen);
        assertEquals(List.of("boom:false:1", "boom:true:2"), seen);
    }

    // ---- CLIENT_ACKNOWLEDGE

    @Test
    void clientAcknowledgeAcknowledgesEveryMessageConsumedBySession() throws Exception {
        // Message.acknowledge acknowledges all messages consumed by the session, not only this one
        open();
        sendTexts(connection, queue, "a", "b", "c");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        Message a = consumer.receive(RECEIVE_MS);
        assertEquals("a", text(a));
        assertEquals(List.of("b", "c"), receiveTexts(consumer, 2));
        a.acknowledge();
        session.close();
        assertNoMessage(connection.createSession().createConsumer(queue));
    }

    @Test
    void unacknowledgedMessagesComeBackFlaggedWhenTheSessionCloses() throws Exception {
        open();
        sendTexts(connection, queue, "a", "b");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        assertEquals(List.of("a", "b"), receiveTexts(session.createConsumer(queue), 2));
        session.close();

        MessageConsumer again = connection.createSession().createConsumer(queue);
        for (String expected : List.of("a", "b")) {
            Message message = again.receive(RECEIVE_MS);
            assertEquals(expected, text(message));
            assertTrue(message.getJMSRedelivered(), "JMSRedelivered of " + expected);
            assertEquals(2, message.getIntProperty("JMSXDeliveryCount"), "JMSXDeliveryCount of " + expected);
        }
    }

    @Test
    void messagesAcknowledgedBeforeLaterOnesAreNotRedelivered() throws Exception {
        open();
        sendTexts(connection, queue, "a", "b");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.receive(RECEIVE_MS).acknowledge();
        assertEquals("b", text(consumer.receive(RECEIVE_MS)));
        session.close();
        assertEquals(List.of("b"), drainTexts(connection.createSession().createConsumer(queue)));
    }

    @Test
    void recoverRedeliversUnacknowledgedMessagesInOrder() throws Exception {
        // Session.recover: restarts delivery with the oldest unacknowledged message, flagged redelivered
        open();
        sendTexts(connection, queue, "a", "b", "c");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        assertEquals(List.of("a", "b"), receiveTexts(consumer, 2));
        session.recover();

        List<String> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message message = consumer.receive(RECEIVE_MS);
            again.add(text(message) + ":" + message.getJMSRedelivered());
            if (i == 2) {
                message.acknowledge();
            }
        }
        assertEquals(List.of("a:true", "b:true", "c:false"), again);
        session.close();
        assertNoMessage(connection.createSession().createConsumer(queue));
    }

    @Test
    void recoverInAListenerRedeliversTheCurrentMessage() throws Exception {
        open();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                seen.add(text(m) + ":" + m.getJMSRedelivered());
                if (!m.getJMSRedelivered()) {
                    session.recover();
                } else {
                    m.acknowledge();
                }
            } catch (JMSException e) {
                seen.add(e.toString());
            }
            twice.countDown();
        });
        sendTexts(connection, queue, "r");
        assertTrue(twice.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "seen " + seen);
        assertEquals(List.of("r:false", "r:true"), seen);
    }

    @Test
    void messagesOfAClosedConsumerCanStillBeAcknowledgedByItsSession() throws Exception {
        // MessageConsumer.close does not affect the acknowledgement of messages it delivered
        open();
        sendTexts(connection, queue, "a");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        Message message = consumer.receive(RECEIVE_MS);
        assertEquals("a", text(message));
        consumer.close();
        message.acknowledge();
        session.close();
        assertNoMessage(connection.createSession().createConsumer(queue));
    }

    @Test
    void transactedReceiveOfAClosedConsumerIsStillCommitted() throws Exception {
        open();
        sendTexts(connection, queue, "a");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = transacted.createConsumer(queue);
        assertEquals("a", text(consumer.receive(RECEIVE_MS)));
        consumer.close();
        transacted.commit();
        transacted.close();
        assertNoMessage(connection.createSession().createConsumer(queue));
    }

    @Test
    void deliveryCountGrowsWithEachRollback() throws Exception {
        open();
        sendTexts(connection, queue, "again");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = transacted.createConsumer(queue);
        for (int expected = 1; expected <= 3; expected++) {
            Message message = consumer.receive(RECEIVE_MS);
            assertNotNull(message, "delivery " + expected);
            assertEquals(expected, message.getIntProperty("JMSXDeliveryCount"));
            assertEquals(expected > 1, message.getJMSRedelivered());
            transacted.rollback();
        }
    }

    @Test
    void acknowledgeAfterTheSessionClosedIsIllegal() throws Exception {
        open();
        sendTexts(connection, queue, "a");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Message message = session.createConsumer(queue).receive(RECEIVE_MS);
        assertNotNull(message);
        session.close();
        assertThrows(IllegalStateException.class, message::acknowledge);
    }

    // ---- transactions

    @Test
    void transactedSendsAreVisibleOnlyAfterCommit() throws Exception {
        open();
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(transacted.createTextMessage("t1"));
        producer.send(transacted.createTextMessage("t2"));
        MessageConsumer observer = connection.createSession().createConsumer(queue);
        assertNoMessage(observer);

        transacted.commit();
        assertEquals(List.of("t1", "t2"), receiveTexts(observer, 2));
    }

    @Test
    void rolledBackSendsAreDiscarded() throws Exception {
        open();
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(transacted.createTextMessage("gone"));
        transacted.rollback();
        producer.send(transacted.createTextMessage("kept"));
        transacted.commit();
        assertEquals(List.of("kept"), drainTexts(connection.createSession().createConsumer(queue)));
    }

    @Test
    void committedReceivesAreAcknowledged() throws Exception {
        open();
        sendTexts(connection, queue, "a", "b");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        assertEquals(List.of("a", "b"), receiveTexts(transacted.createConsumer(queue), 2));
        transacted.commit();
        transacted.close();
        assertNoMessage(connection.createSession().createConsumer(queue));
    }

    @Test
    void rolledBackReceivesAreRedeliveredFlagged() throws Exception {
        open();
        sendTexts(connection, queue, "a", "b");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = transacted.createConsumer(queue);
        assertEquals(List.of("a", "b"), receiveTexts(consumer, 2));
        transacted.rollback();

        for (String expected : List.of("a", "b")) {
            Message message = consumer.receive(RECEIVE_MS);
            assertEquals(expected, text(message));
            assertTrue(message.getJMSRedelivered());
            assertEquals(2, message.getIntProperty("JMSXDeliveryCount"));
        }
        transacted.commit();
        assertNoMessage(consumer);
    }

    @Test
    void closingATransactedSessionRollsBack() throws Exception {
        // Session.close: an open transaction is rolled back
        open();
        sendTexts(connection, queue, "in");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        assertEquals("in", text(transacted.createConsumer(queue).receive(RECEIVE_MS)));
        transacted.createProducer(queue).send(transacted.createTextMessage("out"));
        transacted.close();
        assertEquals(List.of("in"), drainTexts(connection.createSession().createConsumer(queue)));
    }

    @Test
    void receiveAndSendInOneTransactionCommitTogether() throws Exception {
        open();
        Queue out = connection.createSession().createQueue("ack-out");
        sendTexts(connection, queue, "request");
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        Message in = transacted.createConsumer(queue).receive(RECEIVE_MS);
        transacted.createProducer(out).send(transacted.createTextMessage("reply to " + text(in)));
        MessageConsumer outObserver = connection.createSession().createConsumer(out);
        assertNoMessage(outObserver);
        transacted.commit();
        assertEquals("reply to request", text(outObserver.receive(RECEIVE_MS)));
        assertNoMessage(connection.createSession().createConsumer(queue));
    }

    @Test
    void commitAndRollbackNeedATransactedSession() throws Exception {
        open();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, session::commit);
        assertThrows(IllegalStateException.class, session::rollback);
        Session client = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, client::commit);
        assertThrows(IllegalStateException.class, client::rollback);
    }

    @Test
    void recoverIsIllegalInATransactedSession() throws Exception {
        open();
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        assertThrows(IllegalStateException.class, transacted::recover);
    }
}
