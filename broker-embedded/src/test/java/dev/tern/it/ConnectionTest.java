package dev.tern.it;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection lifecycle, client identifiers, metadata and what closing does (spec chapter 6). */
class ConnectionTest extends BrokerTestSupport {

    // ---- start and stop

    @Test
    void receiveWaitsWhileTheConnectionIsStopped() throws Exception {
        // 6.1.4: a connection is created stopped; no messages are delivered until start()
        Connection connection = connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        session.createProducer(queue).send(session.createTextMessage("hello"));
        MessageConsumer consumer = session.createConsumer(queue);

        assertNull(consumer.receive(ABSENT_MS));
        connection.start();
        assertEquals("hello", text(consumer.receive(RECEIVE_MS)));
    }

    @Test
    void blockedReceiveReturnsOnceTheConnectionIsStarted() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        session.createProducer(queue).send(session.createTextMessage("wake"));
        MessageConsumer consumer = session.createConsumer(queue);
        Future<Message> receiving = inBackground(() -> consumer.receive(RECEIVE_MS * 2));

        Thread.sleep(ABSENT_MS);
        assertFalse(receiving.isDone(), "receive must wait while the connection is stopped");
        connection.start();
        assertEquals("wake", text(receiving.get(RECEIVE_MS, TimeUnit.MILLISECONDS)));
    }

    @Test
    void stopPausesDeliveryUntilStartedAgain() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        producer.send(session.createTextMessage("one"));
        assertEquals("one", text(consumer.receive(RECEIVE_MS)));

        connection.stop();
        producer.send(session.createTextMessage("two")); // sending is allowed while stopped (6.1.5)
        assertNull(consumer.receive(ABSENT_MS));
        connection.start();
        assertEquals("two", text(consumer.receive(RECEIVE_MS)));
    }

    @Test
    void listenerIsNotCalledWhileTheConnectionIsStopped() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        CountDownLatch delivered = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener(m -> delivered.countDown());
        session.createProducer(queue).send(session.createTextMessage("x"));

        assertFalse(delivered.await(ABSENT_MS, TimeUnit.MILLISECONDS), "listener called on a stopped connection");
        connection.start();
        assertTrue(delivered.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void stopWaitsForARunningListenerToReturn() throws Exception {
        // Connection.stop javadoc: stop must not return until running message listeners have returned
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener(m -> {
            entered.countDown();
            awaitQuietly(release);
        });
        sendTexts(connection, queue, "slow");
        assertTrue(entered.await(RECEIVE_MS, TimeUnit.MILLISECONDS));

        Future<Object> stopping = inBackground(() -> {
            connection.stop();
            return null;
        });
        assertThrows(TimeoutException.class, () -> stopping.get(ABSENT_MS, TimeUnit.MILLISECONDS),
                "stop() returned while onMessage was still running");
        release.countDown();
        stopping.get(RECEIVE_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void closeWaitsForARunningListenerToReturn() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener(m -> {
            entered.countDown();
            awaitQuietly(release);
        });
        sendTexts(connection, queue, "slow");
        assertTrue(entered.await(RECEIVE_MS, TimeUnit.MILLISECONDS));

        Future<Object> closing = inBackground(() -> {
            connection.close();
            return null;
        });
        assertThrows(TimeoutException.class, () -> closing.get(ABSENT_MS, TimeUnit.MILLISECONDS),
                "close() returned while onMessage was still running");
        release.countDown();
        closing.get(RECEIVE_MS, TimeUnit.MILLISECONDS);
    }

    // ---- close

    @Test
    void closeIsIdempotent() throws Exception {
        Connection connection = connect();
        connection.close();
        assertDoesNotThrow(connection::close);
    }

    @Test
    void closedConnectionRejectsUse() throws Exception {
        // 6.1.8: once closed, an attempt to use a connection throws IllegalStateException
        Connection connection = connect();
        connection.close();
        assertThrows(IllegalStateException.class, connection::createSession);
        assertThrows(IllegalStateException.class, () -> connection.createSession(false, Session.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateException.class, connection::start);
        assertThrows(IllegalStateException.class, connection::stop);
        assertThrows(IllegalStateException.class, () -> connection.setClientID("late"));
        assertThrows(IllegalStateException.class, connection::getClientID);
        assertThrows(IllegalStateException.class, connection::getMetaData);
        assertThrows(IllegalStateException.class, connection::getExceptionListener);
        assertThrows(IllegalStateException.class, () -> connection.setExceptionListener(e -> { }));
    }

    @Test
    void closingTheConnectionClosesItsSessionsProducersConsumersAndBrowsers() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        QueueBrowser browser = session.createBrowser(queue);
        TextMessage message = session.createTextMessage("m");
        connection.close();

        assertThrows(IllegalStateException.class, session::createTextMessage);
        assertThrows(IllegalStateException.class, () -> session.createConsumer(queue));
        assertThrows(IllegalStateException.class, () -> producer.send(message));
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
        assertThrows(IllegalStateException.class, browser::getEnumeration);
        // closing what is already closed is ignored
        assertDoesNotThrow(session::close);
        assertDoesNotThrow(producer::close);
        assertDoesNotThrow(consumer::close);
        assertDoesNotThrow(browser::close);
    }

    @Test
    void closedSessionRejectsUse() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("q");
        session.close();
        assertDoesNotThrow(session::close);

        assertThrows(IllegalStateException.class, session::createMessage);
        assertThrows(IllegalStateException.class, () -> session.createTextMessage("x"));
        assertThrows(IllegalStateException.class, () -> session.createProducer(queue));
        assertThrows(IllegalStateException.class, () -> session.createConsumer(queue));
        assertThrows(IllegalStateException.class, () -> session.createBrowser(queue));
        assertThrows(IllegalStateException.class, session::createTemporaryQueue);
        assertThrows(IllegalStateException.class, session::getTransacted);
        assertThrows(IllegalStateException.class, session::getAcknowledgeMode);
        assertThrows(IllegalStateException.class, session::commit);
        assertThrows(IllegalStateException.class, session::rollback);
        assertThrows(IllegalStateException.class, () -> session.unsubscribe("s"));
    }

    @Test
    void closingASessionClosesItsProducersConsumersAndBrowsers() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        QueueBrowser browser = session.createBrowser(queue);
        Message message = session.createMessage();
        session.close();

        assertThrows(IllegalStateException.class, () -> producer.send(message));
        assertThrows(IllegalStateException.class, () -> consumer.receive(ABSENT_MS));
        assertThrows(IllegalStateException.class, browser::getEnumeration);
        // the connection itself stays usable
        assertNotNull(connection.createSession());
    }

    @Test
    void closedProducerRejectsUse() throws Exception {
        Session session = connect().createSession();
        Queue queue = session.createQueue("q");
        MessageProducer producer = session.createProducer(queue);
        Message message = session.createMessage();
        producer.close();
        assertDoesNotThrow(producer::close);

        assertThrows(IllegalStateException.class, () -> producer.send(message));
        assertThrows(IllegalStateException.class, producer::getDeliveryMode);
        assertThrows(IllegalStateException.class, () -> producer.setPriority(5));
        assertThrows(IllegalStateException.class, producer::getDestination);
        assertThrows(IllegalStateException.class, () -> producer.setTimeToLive(10));
    }

    @Test
    void closedConsumerRejectsUse() throws Exception {
        Session session = started().createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        consumer.close();
        assertDoesNotThrow(consumer::close);

        assertThrows(IllegalStateException.class, consumer::receive);
        assertThrows(IllegalStateException.class, () -> consumer.receive(10));
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
        assertThrows(IllegalStateException.class, () -> consumer.setMessageListener(m -> { }));
        assertThrows(IllegalStateException.class, consumer::getMessageListener);
        assertThrows(IllegalStateException.class, consumer::getMessageSelector);
    }

    @Test
    void closedBrowserRejectsUse() throws Exception {
        Session session = connect().createSession();
        QueueBrowser browser = session.createBrowser(session.createQueue("q"));
        browser.close();
        assertDoesNotThrow(browser::close);

        assertThrows(IllegalStateException.class, browser::getEnumeration);
        assertThrows(IllegalStateException.class, browser::getQueue);
        assertThrows(IllegalStateException.class, browser::getMessageSelector);
    }

    // ---- client ID (6.1.2)

    @Test
    void clientIdCanBeSetOnceBeforeUse() throws Exception {
        Connection connection = connect();
        assertNull(connection.getClientID());
        connection.setClientID("first");
        assertEquals("first", connection.getClientID());
        assertThrows(IllegalStateException.class, () -> connection.setClientID("second"));
        assertEquals("first", connection.getClientID());
    }

    @Test
    void clientIdCannotBeSetAfterTheConnectionWasUsed() throws Exception {
        Connection connection = connect();
        connection.createSession().close();
        assertThrows(IllegalStateException.class, () -> connection.setClientID("late"));
    }

    @Test
    void clientIdCannotBeSetAfterStart() throws Exception {
        Connection connection = connect();
        connection.start();
        assertThrows(IllegalStateException.class, () -> connection.setClientID("late"));
    }

    @Test
    void duplicateClientIdOnAnotherConnectionIsRejected() throws Exception {
        connect().setClientID("dup");
        Connection second = connect();
        assertThrows(InvalidClientIDException.class, () -> second.setClientID("dup"));
    }

    @Test
    void clientIdIsFreeAgainOnceItsConnectionIsClosed() throws Exception {
        Connection first = connect();
        first.setClientID("reused");
        first.close();
        Connection second = connect();
        second.setClientID("reused");
        assertEquals("reused", second.getClientID());
    }

    @Test
    void clientIdFromTheFactoryUrlIsFixed() throws Exception {
        Connection connection = connect("clientID=configured");
        assertEquals("configured", connection.getClientID());
        // administratively configured: setClientID must throw IllegalStateException
        assertThrows(IllegalStateException.class, () -> connection.setClientID("other"));
    }

    @Test
    void secondConnectionWithTheSameConfiguredClientIdIsRejected() throws Exception {
        TernConnectionFactory factory = factory("clientID=configured");
        track(factory.createConnection());
        assertThrows(InvalidClientIDException.class, () -> track(factory.createConnection()));
    }

    @Test
    void nullOrEmptyClientIdIsInvalid() throws Exception {
        Connection connection = connect();
        assertThrows(InvalidClientIDException.class, () -> connection.setClientID(null));
        Connection other = connect();
        assertThrows(InvalidClientIDException.class, () -> other.setClientID(""));
    }

    // ---- exception listener and metadata

    @Test
    void exceptionListenerCanBeSetAndRead() throws Exception {
        Connection connection = connect();
        assertNull(connection.getExceptionListener());
        ExceptionListener listener = e -> { };
        connection.setExceptionListener(listener);
        assertSame(listener, connection.getExceptionListener());
        connection.setExceptionListener(null);
        assertNull(connection.getExceptionListener());
    }

    @Test
    void metaDataDescribesProviderAndSupportedJmsxProperties() throws Exception {
        ConnectionMetaData meta = connect().getMetaData();
        assertTrue(meta.getJMSMajorVersion() >= 2, "JMS major version " + meta.getJMSMajorVersion());
        assertNotNull(meta.getJMSVersion());
        assertTrue(meta.getJMSVersion().startsWith(meta.getJMSMajorVersion() + "."), meta.getJMSVersion());
        assertFalse(meta.getJMSProviderName().isBlank());
        assertFalse(meta.getProviderVersion().isBlank());
        assertTrue(meta.getProviderMajorVersion() >= 0);
        assertTrue(meta.getProviderMinorVersion() >= 0);
        List<String> jmsx = Collections.list(meta.getJMSXPropertyNames());
        // JMS 2.0 made JMSXDeliveryCount mandatory
        assertTrue(jmsx.contains("JMSXDeliveryCount"), jmsx.toString());
        jmsx.forEach(name -> assertTrue(name.startsWith("JMSX"), name));
    }

    // ---- what a message listener may and may not do to its own objects

    @Test
    void listenerStoppingItsOwnConnectionGetsIllegalStateException() throws Exception {
        Connection connection = started();
        Throwable thrown = runInListener(connection, (session, consumer) -> connection.stop());
        assertInstanceOf(IllegalStateException.class, thrown);
    }

    @Test
    void listenerClosingItsOwnConnectionGetsIllegalStateException() throws Exception {
        Connection connection = started();
        Throwable thrown = runInListener(connection, (session, consumer) -> connection.close());
        assertInstanceOf(IllegalStateException.class, thrown);
    }

    @Test
    void listenerClosingItsOwnSessionGetsIllegalStateException() throws Exception {
        Connection connection = started();
        Throwable thrown = runInListener(connection, (session, consumer) -> session.close());
        assertInstanceOf(IllegalStateException.class, thrown);
    }

    @Test
    void listenerMayCloseItsOwnConsumer() throws Exception {
        // MessageConsumer.close javadoc (JMS 2.0): allowed from the consumer's own onMessage
        Connection connection = started();
        Throwable thrown = runInListener(connection, (session, consumer) -> consumer.close());
        assertNull(thrown);
    }

    @Test
    void consumerClosedByItsListenerGetsNoMoreMessagesAndLeavesThemOnTheQueue() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch firstDone = new CountDownLatch(1);
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(m -> {
            calls.incrementAndGet();
            try {
                consumer.close();
            } catch (Throwable t) {
                failure.set(t);
            }
            firstDone.countDown();
        });
        sendTexts(connection, queue, "first", "second");
        assertTrue(firstDone.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        assertNull(failure.get());

        MessageConsumer other = started().createSession().createConsumer(queue);
        assertEquals(List.of("second"), drainTexts(other), "the first was consumed, the second left on the queue");
        assertEquals(1, calls.get());
    }

    interface ListenerAction {
        void run(Session session, MessageConsumer consumer) throws Exception;
    }

    /** Runs {@code action} inside onMessage of a consumer of a new session; returns what it threw. */
    private Throwable runInListener(Connection connection, ListenerAction action) throws Exception {
        Session session = connection.createSession();
        Queue queue = session.createQueue("q");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(m -> {
            try {
                action.run(session, consumer);
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                done.countDown();
            }
        });
        sendTexts(connection, queue, "go");
        assertTrue(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "listener not called");
        return thrown.get();
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
