package dev.tern.broker.net;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Rough loopback rates, printed, never asserted (the machine is shared): run with
 * {@code -Dtern.probe=true -Dtest=TcpThroughputProbe}.
 */
@EnabledIfSystemProperty(named = "tern.probe", matches = "true")
class TcpThroughputProbe extends TcpTestSupport {

    @Test
    void printRates() throws Exception {
        startBroker();
        Connection connection = started();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("probe");
        MessageProducer producer = session.createProducer(queue);
        byte[] payload = new byte[100];
        int count = 100_000;
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        rate("non-persistent send", count, () -> {
            for (int i = 0; i < count; i++) {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(payload);
                producer.send(m);
            }
        });
        MessageConsumer consumer = session.createConsumer(queue);
        rate("receive (AUTO_ACKNOWLEDGE, prefetch 100)", count, () -> {
            for (int i = 0; i < count; i++) {
                assertNotNull(consumer.receive(10_000));
            }
        });
        int persistent = 5_000;
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        rate("persistent send (receipt per message, in-memory broker)", persistent, () -> {
            for (int i = 0; i < persistent; i++) {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(payload);
                producer.send(m);
            }
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void rate(String what, int count, Body body) throws Exception {
        long start = System.nanoTime();
        body.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("PROBE %s: %d messages in %.2f s = %.0f msg/s%n", what, count, seconds, count / seconds);
    }
}
