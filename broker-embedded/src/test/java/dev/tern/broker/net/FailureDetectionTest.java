package dev.tern.broker.net;

import dev.tern.protocol.FrameType;
import dev.tern.protocol.WireTypes;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.DestinationRef;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dead peers in both directions, and what the broker does with a dead consumer's messages. */
class FailureDetectionTest extends TcpTestSupport {

    @Test
    void aSilentClientIsDroppedAndAHeartbeatingOneIsKept() throws Exception {
        startBroker(TcpAcceptorConfig.builder().heartbeatIntervalMillis(100).heartbeatTimeoutMillis(600));
        Connection alive = started("heartbeatInterval=100");
        try (RawClient silent = new RawClient(acceptor.port())) {
            silent.handshake(); // then says nothing, and asked for no heartbeats
            assertTrue(silent.closedByBroker(), "the broker keeps a client that has been silent for 10 s");
        }
        Thread.sleep(1_000); // idle for longer than the timeout: heartbeats must keep it
        ProtocolTest.assertWorks(alive);
    }

    @Test
    void theBrokerStoppingEndsBlockedReceivesAndTellsTheExceptionListener() throws Exception {
        startBroker();
        Connection connection = started();
        CountDownLatch told = new CountDownLatch(1);
        connection.setExceptionListener(e -> told.countDown());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        CountDownLatch returned = new CountDownLatch(1);
        Thread receiver = new Thread(() -> {
            try {
                consumer.receive();
            } catch (JMSException ignored) {
                // also an end
            }
            returned.countDown();
        }, "it-receiver");
        receiver.start();
        Thread.sleep(200);
        broker.stop();
        assertTrue(told.await(10, TimeUnit.SECONDS), "ExceptionListener not called");
        assertTrue(returned.await(10, TimeUnit.SECONDS), "receive still blocked");
    }

    @Test
    void aCrashedConsumersUnacknowledgedMessagesGoToAnotherConsumerFlaggedRedelivered() throws Exception {
        startBroker();
        Connection producerConnection = started();
        Session session = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            producer.send(session.createTextMessage("job-" + i));
        }
        RawClient crashing = new RawClient(acceptor.port());
        crashing.handshake();
        ConsumerSpec spec = ConsumerSpec.simple(1, DestinationRef.queue("work"), null, false, 10);
        crashing.write(RawClient.frame(FrameType.CREATE_CONSUMER, f -> {
            f.writeInt(1);
            WireTypes.writeSpec(f, spec);
        }));
        int deliveries = 0;
        while (deliveries < 5) {
            if (crashing.readFrame().type() == FrameType.DELIVERY) {
                deliveries++;
            }
        }
        crashing.close(); // no goodbye, nothing acknowledged

        MessageConsumer survivor = session.createConsumer(queue);
        producerConnection.start();
        Set<String> texts = new HashSet<>();
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Message m = survivor.receive(10_000);
            assertNotNull(m, "message " + i + " not redelivered");
            texts.add(((TextMessage) m).getText());
            flags.add(m.getJMSRedelivered());
            assertEquals(2, m.getIntProperty("JMSXDeliveryCount"));
        }
        assertEquals(Set.of("job-0", "job-1", "job-2", "job-3", "job-4"), texts);
        assertFalse(flags.contains(false), "all flagged redelivered: " + flags);
    }
}
