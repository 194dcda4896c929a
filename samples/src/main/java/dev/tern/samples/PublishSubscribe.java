package dev.tern.samples;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

/** Publish/subscribe: every subscriber of a topic gets every message published after it subscribed. */
public final class PublishSubscribe {

    private static final String[] PRICES = {"EUR/USD 1.0841", "EUR/USD 1.0843", "EUR/USD 1.0838"};

    private PublishSubscribe() {
    }

    public static void main(String[] args) throws JMSException {
        try (Connection connection = new TernConnectionFactory(Samples.brokerUrl()).createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("samples.prices");

            MessageConsumer subscriber1 = session.createConsumer(topic);
            MessageConsumer subscriber2 = session.createConsumer(topic);
            System.out.println("[main] subscriber-1 and subscriber-2 subscribed to " + topic.getTopicName());

            MessageProducer publisher = session.createProducer(topic);
            for (String price : PRICES) {
                publisher.send(session.createTextMessage(price));
                System.out.println("[publisher] published: " + price);
            }

            int got1 = receiveAll("subscriber-1", subscriber1);
            int got2 = receiveAll("subscriber-2", subscriber2);
            System.out.println("[main] published " + PRICES.length + ", subscriber-1 got " + got1
                    + ", subscriber-2 got " + got2);
        }
    }

    private static int receiveAll(String subscriber, MessageConsumer consumer) throws JMSException {
        int received = 0;
        for (int i = 0; i < PRICES.length; i++) {
            TextMessage message = (TextMessage) consumer.receive(2000);
            if (message == null) {
                System.out.println("[" + subscriber + "] nothing more within 2 s");
                break;
            }
            received++;
            System.out.println("[" + subscriber + "] received: " + message.getText());
        }
        return received;
    }
}
