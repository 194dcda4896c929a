package dev.tern.broker;

import dev.tern.transport.BrokerConnection;
import dev.tern.transport.Delivery;
import dev.tern.transport.DestinationRef;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionRulesTest extends BrokerTestSupport {

    private static final DestinationRef QUEUE = DestinationRef.queue("work");

    @Test
    void clientIdIsUniqueWhileItsConnectionLives() throws Exception {
        TernBroker broker = memoryBroker();
        BrokerConnection first = broker.connect(null);
        BrokerConnection second = broker.connect(null);
        assertNotEquals(first.connectionId(), second.connectionId());
        first.setClientId("app");
        assertThrows(InvalidClientIDException.class, () -> second.setClientId("app"));
        first.close();
        second.setClientId("app");
    }

    @Test
    void transactionHoldsSendsUntilCommit() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 10), recorder);
        connection.send(7, text(QUEUE, "t1")).get(5, TimeUnit.SECONDS);
        connection.send(7, text(QUEUE, "t2")).get(5, TimeUnit.SECONDS);
        recorder.assertNothingFor(100);
        connection.commit(7);
        assertEquals(List.of("t1", "t2"), recorder.texts(2));
    }

    @Test
    void rollbackForgetsSendsAndAcknowledgements() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        send(connection, text(QUEUE, "keep"));
        connection.send(3, text(QUEUE, "forgotten")).get(5, TimeUnit.SECONDS);
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 10), recorder);
        Delivery delivery = recorder.next();
        connection.acknowledge(3, tags(delivery));
        connection.rollback(3);
        connection.release(tags(delivery), true);
        connection.addCredit(1, 1);
        Delivery again = recorder.next();
        assertEquals("keep", textOf(again));
        assertEquals(2, again.deliveryCount());
        recorder.assertNothingFor(100);
    }

    @Test
    void transactionalAcknowledgementTakesEffectAtCommit() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        send(connection, text(QUEUE, "a"));
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 10), recorder);
        Delivery delivery = recorder.next();
        connection.acknowledge(5, tags(delivery));
        connection.send(5, text(QUEUE, "b")).get(5, TimeUnit.SECONDS);
        connection.commit(5);
        assertEquals("b", recorder.nextText());
        connection.closeConsumer(1);
        assertEquals(List.of(), connection.browse(QUEUE, null), "a acknowledged, b in flight");
    }

    @Test
    void temporaryQueueIsOnlyForItsConnection() throws Exception {
        TernBroker broker = memoryBroker();
        BrokerConnection owner = broker.connect(null);
        BrokerConnection other = broker.connect(null);
        DestinationRef temp = owner.createTemporaryDestination(false);
        assertTrue(temp.isTemporary());
        assertThrows(InvalidDestinationException.class, () -> other.createConsumer(consumer(1, temp, 1),
                new Recorder()));
        send(other, text(temp, "reply"));
        Recorder recorder = new Recorder();
        owner.createConsumer(consumer(1, temp, 1), recorder);
        assertEquals("reply", recorder.nextText());
        assertThrows(IllegalStateException.class, () -> owner.deleteTemporaryDestination(temp));
        owner.closeConsumer(1);
        owner.deleteTemporaryDestination(temp);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> other.send(0, text(temp, "late")).get(5, TimeUnit.SECONDS));
        assertInstanceOf(InvalidDestinationException.class, failure.getCause());
    }

    @Test
    void temporaryTopicGoesWithItsConnection() throws Exception {
        TernBroker broker = memoryBroker();
        BrokerConnection owner = broker.connect(null);
        BrokerConnection other = broker.connect(null);
        DestinationRef temp = owner.createTemporaryDestination(true);
        Recorder recorder = new Recorder();
        owner.createConsumer(consumer(1, temp, 5), recorder);
        send(other, text(temp, "event"));
        assertEquals("event", recorder.nextText());
        owner.close();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> other.send(0, text(temp, "late")).get(5, TimeUnit.SECONDS));
        assertInstanceOf(InvalidDestinationException.class, failure.getCause());
    }

    @Test
    void closedConnectionRefusesRequests() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        connection.close();
        connection.close();
        assertThrows(IllegalStateException.class, () -> connection.createTemporaryDestination(false));
        assertTrue(connection.send(0, text(QUEUE, "x")).isCompletedExceptionally());
    }

    @Test
    void stopTellsConnectionsAndFreesTheName() throws Exception {
        TernBroker broker = memoryBroker();
        AtomicReference<JMSException> failure = new AtomicReference<>();
        BrokerConnection connection = broker.connect(failure::set);
        broker.stop();
        assertNotNull(failure.get());
        assertFalse(broker.isRunning());
        assertTrue(BrokerRegistry.get(broker.name()).isEmpty());
        assertThrows(IllegalStateException.class, () -> connection.browse(QUEUE, null));
        assertThrows(IllegalStateException.class, () -> broker.connect(null));
    }
}
