package dev.tern.transport.tcp;

import dev.tern.client.TernConnectionFactory;
import dev.tern.protocol.Protocol;
import dev.tern.test.TernTestBase;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client side of the TCP transport against scripted brokers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpClientTest extends TernTestBase {

    @Test
    void aBrokerOfAnotherProtocolVersionIsAClearError() throws Exception {
        try (FakeBroker broker = new FakeBroker(Protocol.preamble((byte) 7), false)) {
            JMSException e = assertThrows(JMSException.class,
                    () -> new TernConnectionFactory(broker.url("")).createConnection());
            assertTrue(e.getMessage().contains("version 7") && e.getMessage().contains("version " + Protocol.VERSION), e.getMessage());
        }
    }

    @Test
    void aPeerThatIsNotATernBrokerIsAClearError() throws Exception {
        try (FakeBroker broker = new FakeBroker("HTTP/".getBytes(StandardCharsets.US_ASCII), false)) {
            JMSException e = assertThrows(JMSException.class,
                    () -> new TernConnectionFactory(broker.url("")).createConnection());
            assertTrue(e.getMessage().contains("not a Tern broker"), e.getMessage());
        }
    }

    @Test
    void aBrokerThatNeverFinishesTheHandshakeTimesOut() throws Exception {
        try (FakeBroker broker = new FakeBroker(Protocol.preamble(), false)) {
            JMSException e = assertThrows(JMSException.class,
                    () -> new TernConnectionFactory(broker.url("connectTimeout=300")).createConnection());
            assertTrue(e.getMessage().contains("connectTimeout"), e.getMessage());
        }
    }

    @Test
    void nothingListeningIsAJmsException() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThrows(JMSException.class,
                () -> new TernConnectionFactory("tcp://127.0.0.1:" + port).createConnection());
    }

    @Test
    void badOptionsAreJmsExceptions() {
        assertThrows(JMSException.class,
                () -> new TernConnectionFactory("tcp://127.0.0.1:1?heartbeatInterval=soon").createConnection());
    }

    @Test
    void aSilentBrokerIsDetectedByHeartbeatAndBlockedCallsEnd() throws Exception {
        try (FakeBroker broker = new FakeBroker(Protocol.preamble(), true)) {
            Connection connection = new TernConnectionFactory(broker.url("heartbeatTimeout=500")).createConnection();
            try {
                CountDownLatch told = new CountDownLatch(1);
                connection.setExceptionListener(e -> told.countDown());
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
                CompletableFuture<Object> receive = CompletableFuture.supplyAsync(() -> {
                    try {
                        return consumer.receive();
                    } catch (JMSException e) {
                        return e;
                    }
                });
                broker.goSilent();
                assertTrue(told.await(20, TimeUnit.SECONDS), "ExceptionListener not called");
                assertNull(receive.get(20, TimeUnit.SECONDS), "a blocked receive returns null once the link failed");
                assertThrows(JMSException.class, session::createTemporaryQueue);
            } finally {
                connection.close();
            }
        }
    }

    @Test
    void aPendingRequestFailsWhenTheBrokerGoesSilent() throws Exception {
        try (FakeBroker broker = new FakeBroker(Protocol.preamble(), true)) {
            Connection connection = new TernConnectionFactory(broker.url("heartbeatTimeout=500")).createConnection();
            try {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                broker.goSilent();
                // createTemporaryQueue waits for an answer that never comes: it must fail, not hang
                assertThrows(JMSException.class, session::createTemporaryQueue);
            } finally {
                connection.close();
            }
        }
    }

    @Test
    void aProducerWaitsWhileTheBrokerDoesNotRead() throws Exception {
        try (FakeBroker broker = new FakeBroker(Protocol.preamble(), true)) {
            Connection connection = new TernConnectionFactory(broker.url("heartbeatTimeout=0")).createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.MessageProducer producer = session.createProducer(session.createQueue("q"));
            producer.setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT);
            broker.goDeaf();
            byte[] payload = new byte[64 * 1024];
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            CompletableFuture<Object> sending = CompletableFuture.supplyAsync(() -> {
                try {
                    for (int i = 0; i < 10_000; i++) { // 640 MB if nothing held it back
                        jakarta.jms.BytesMessage m = session.createBytesMessage();
                        m.writeBytes(payload);
                        producer.send(m);
                        sent.incrementAndGet();
                    }
                    return "all sent";
                } catch (JMSException | RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(2_000);
            assertTrue(!sending.isDone() && sent.get() < 1_000,
                    "the producer should be held back, sent " + sent.get() + " messages");
            connection.close();
            Object outcome = sending.get(20, TimeUnit.SECONDS);
            assertTrue(outcome instanceof JMSException, "the waiting send ends with a JMSException: " + outcome);
        }
    }

    @Test
    void aDeliveryForAConsumerThatIsGoneIsReleased() throws Exception {
        try (FakeBroker broker = new FakeBroker(Protocol.preamble(), true)) {
            Connection connection = new TernConnectionFactory(broker.url("")).createConnection();
            try {
                broker.push(FakeBroker.frame(dev.tern.protocol.FrameType.DELIVERY,
                        f -> f.writeLong(99).writeLong(7).writeInt(1).writeBytes(new byte[]{1, 2, 3})));
                long until = System.currentTimeMillis() + 10_000;
                while (!broker.received.contains(dev.tern.protocol.FrameType.RELEASE)
                        && System.currentTimeMillis() < until) {
                    Thread.sleep(20);
                }
                assertTrue(broker.received.contains(dev.tern.protocol.FrameType.RELEASE), "got " + broker.received);
            } finally {
                connection.close();
            }
        }
    }
}
