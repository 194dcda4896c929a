package dev.tern.broker;

import dev.tern.client.TernDestination;
import dev.tern.message.MessageCodec;
import dev.tern.message.TernMessage;
import dev.tern.message.TernTextMessage;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DeliveryListener;
import dev.tern.transport.DeliveryTag;
import dev.tern.transport.DestinationRef;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts brokers, drives them through {@link BrokerConnection}, and checks nothing leaks afterwards. */
abstract class BrokerTestSupport {

    private static final AtomicLong BROKERS = new AtomicLong();
    private static final AtomicLong IDS = new AtomicLong();

    private final List<TernBroker> brokers = new ArrayList<>();

    /** A memory-only broker with a unique name. */
    TernBroker memoryBroker() {
        return start(BrokerConfig.builder(uniqueName()).persistent(false).build());
    }

    TernBroker start(BrokerConfig config) {
        TernBroker broker = TernBroker.start(config);
        brokers.add(broker);
        return broker;
    }

    static String uniqueName() {
        return "test" + BROKERS.incrementAndGet();
    }

    @AfterEach
    void stopBrokersAndCheckThreads() throws InterruptedException {
        for (TernBroker broker : brokers) {
            broker.stop();
        }
        for (TernBroker broker : brokers) {
            assertTrue(BrokerRegistry.get(broker.name()).isEmpty(), "still registered: " + broker.name());
            assertNoThreadsOf(broker.name());
        }
    }

    static void assertNoThreadsOf(String brokerName) throws InterruptedException {
        String prefix = "tern-" + brokerName + "-";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith(prefix)).toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("threads leaked: " + alive);
    }

    // ---- messages ---------------------------------------------------------------------------------

    static TernTextMessage message(DestinationRef destination, String text) throws JMSException {
        TernTextMessage message = new TernTextMessage();
        message.setText(text);
        message.setJMSDestination(TernDestination.of(destination));
        message.setJMSMessageID("ID:test-" + IDS.incrementAndGet());
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(4);
        message.setJMSTimestamp(System.currentTimeMillis());
        return message;
    }

    static byte[] encode(TernMessage message) throws JMSException {
        return MessageCodec.encode(message);
    }

    static byte[] text(DestinationRef destination, String text) throws JMSException {
        return encode(message(destination, text));
    }

    static byte[] persistentText(DestinationRef destination, String text) throws JMSException {
        TernTextMessage message = message(destination, text);
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        return encode(message);
    }

    static void send(BrokerConnection connection, byte[] message) throws Exception {
        connection.send(0, message).get(5, TimeUnit.SECONDS);
    }

    static String textOf(byte[] message) throws JMSException {
        return ((TernTextMessage) MessageCodec.decode(message)).getText();
    }

    static String textOf(Delivery delivery) throws JMSException {
        return textOf(delivery.message());
    }

    static ConsumerSpec consumer(long id, DestinationRef destination, int prefetch) {
        return ConsumerSpec.simple(id, destination, null, false, prefetch);
    }

    /** Collects deliveries as a client's consumer buffer would. */
    static final class Recorder implements DeliveryListener {
        private final LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

        @Override
        public void onDelivery(Delivery delivery) {
            deliveries.add(delivery);
        }

        Delivery next() throws InterruptedException {
            Delivery delivery = deliveries.poll(5, TimeUnit.SECONDS);
            assertNotNull(delivery, "no delivery within 5 s");
            return delivery;
        }

        String nextText() throws Exception {
            return textOf(next());
        }

        List<String> texts(int count) throws Exception {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                texts.add(nextText());
            }
            return texts;
        }

        void assertNothingFor(long millis) throws InterruptedException {
            Delivery delivery = deliveries.poll(millis, TimeUnit.MILLISECONDS);
            assertNull(delivery, () -> "unexpected delivery " + delivery);
        }

        int waiting() {
            return deliveries.size();
        }
    }

    static List<DeliveryTag> tags(Delivery... deliveries) {
        List<DeliveryTag> tags = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            tags.add(delivery.tag());
        }
        return tags;
    }

    static void assertTexts(List<String> expected, List<byte[]> messages) throws JMSException {
        List<String> actual = new ArrayList<>();
        for (byte[] message : messages) {
            actual.add(textOf(message));
        }
        assertEquals(expected, actual);
    }
}
