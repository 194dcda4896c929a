package dev.tern.samples;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

/**
 * A short tour of Tern: a queue (each message to one receiver) and a topic (each message to every
 * subscriber), on the embedded broker {@code vm://samples}.
 */
public final class Demo {

    private static final int ORDERS = 3;
    private static final int NEWS = 2;

    private Demo() {
    }

    public static void main(String[] args) throws JMSException {
        String url = Samples.brokerUrl();
        System.out.println("[demo] connecting to " + url);
        ConnectionFactory factory = new TernConnectionFactory(url);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            int ordersReceived = queueTour(connection);
            int[] newsReceived = topicTour(connection);
            System.out.println("[demo] summary: queue: sent " + ORDERS + ", received " + ordersReceived
                    + "; topic: published " + NEWS + ", subscriber-1 got " + newsReceived[0]
                    + ", subscriber-2 got " + newsReceived[1]);
        }
        System.out.println("[demo] connection closed, done");
    }

    /** Sends a few orders to a queue and receives them back; returns how many came back. */
    private static int queueTour(Connection connection) throws JMSException {
        try (Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            Queue queue = session.createQueue("demo.orders");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 1; i <= ORDERS; i++) {
                producer.send(session.createTextMessage("order " + i));
                System.out.println("[producer] sent to queue " + queue.getQueueName() + ": order " + i);
            }
            MessageConsumer consumer = session.createConsumer(queue);
            int received = 0;
            for (int i = 0; i < ORDERS; i++) {
                TextMessage message = (TextMessage) consumer.receive(2000);
                if (message == null) {
                    System.out.println("[consumer] nothing more within 2 s");
                    break;
                }
                received++;
                System.out.println("[consumer] received: " + message.getText());
            }
            return received;
        }
    }

    /** Publishes news to a topic with two subscribers; returns how many each subscriber got. */
    private static int[] topicTour(Connection connection) throws JMSException {
        try (Session publisherSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
             Session subscriberSession = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            Topic topic = publisherSession.createTopic("demo.news");
            // Subscribers only get what is published after they subscribe, so they come first.
            MessageConsumer subscriber1 = subscriberSession.createConsumer(topic);
            MessageConsumer subscriber2 = subscriberSession.createConsumer(topic);
            MessageProducer publisher = publisherSession.createProducer(topic);
            for (int i = 1; i <= NEWS; i++) {
                publisher.send(publisherSession.createTextMessage("news " + i));
                System.out.println("[publisher] published to topic " + topic.getTopicName() + ": news " + i);
            }
            return new int[] {receiveAll("subscriber-1", subscriber1), receiveAll("subscriber-2", subscriber2)};
        }
    }

    private static int receiveAll(String role, MessageConsumer subscriber) throws JMSException {
        int received = 0;
        for (int i = 0; i < NEWS; i++) {
            TextMessage message = (TextMessage) subscriber.receive(2000);
            if (message == null) {
                System.out.println("[" + role + "] nothing more within 2 s");
                break;
            }
            received++;
            System.out.println("[" + role + "] received: " + message.getText());
        }
        return received;
    }
}
