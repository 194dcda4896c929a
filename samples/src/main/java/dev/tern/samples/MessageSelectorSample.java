package dev.tern.samples;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Message selectors: a consumer with a selector gets only the messages whose headers and
 * properties match it; on a queue, the others stay for other consumers.
 */
public final class MessageSelectorSample {

    private MessageSelectorSample() {
    }

    public static void main(String[] args) throws JMSException {
        try (Connection connection = new TernConnectionFactory(Samples.brokerUrl()).createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("samples.orders");

            MessageProducer producer = session.createProducer(queue);
            send(session, producer, 1, "EU", 250);
            send(session, producer, 2, "EU", 80);
            send(session, producer, 3, "US", 500);
            send(session, producer, 4, "EU", 120);
            send(session, producer, 5, "APAC", 300);
            send(session, producer, 6, "US", 40);

            // One after the other, so that each takes only what its selector lets through.
            drain(session, queue, "eu-big-orders", "region = 'EU' AND amount > 100");
            drain(session, queue, "us-orders", "region = 'US'");
            drain(session, queue, "everything-else", null);
        }
    }

    private static void send(Session session, MessageProducer producer, int id, String region, int amount)
            throws JMSException {
        TextMessage order = session.createTextMessage("order " + id + " (" + region + ", " + amount + ")");
        order.setStringProperty("region", region);
        order.setIntProperty("amount", amount);
        producer.send(order);
        System.out.println("[producer] sent: " + order.getText());
    }

    /** Receives every message matching {@code selector} (null: all), then closes the consumer. */
    private static void drain(Session session, Queue queue, String role, String selector) throws JMSException {
        System.out.println("[" + role + "] selector: " + (selector == null ? "(none)" : selector));
        int received = 0;
        try (MessageConsumer consumer = session.createConsumer(queue, selector)) {
            TextMessage message;
            while ((message = (TextMessage) consumer.receive(500)) != null) {
                received++;
                System.out.println("[" + role + "] received: " + message.getText());
            }
        }
        System.out.println("[" + role + "] got " + received + " orders");
    }
}
