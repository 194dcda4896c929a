package dev.tern.samples;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

/**
 * A durable subscription (client ID + subscription name) keeps the messages published while its
 * subscriber is offline, and hands them over when it comes back.
 */
public final class DurableSubscriber {

    private static final String CLIENT_ID = "samples-archiver";
    private static final String SUBSCRIPTION = "news-archive";
    private static final int MESSAGES = 3;

    private DurableSubscriber() {
    }

    public static void main(String[] args) throws JMSException {
        ConnectionFactory factory = new TernConnectionFactory(Samples.brokerUrl());

        // 1. The subscriber subscribes once, then goes offline.
        try (Connection connection = factory.createConnection()) {
            connection.setClientID(CLIENT_ID);
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("samples.news");
            session.createDurableConsumer(topic, SUBSCRIPTION).close();
            System.out.println("[subscriber] subscribed as " + CLIENT_ID + "/" + SUBSCRIPTION + ", going offline");
        }

        // 2. While it is offline, news is published.
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer publisher = session.createProducer(session.createTopic("samples.news"));
            for (int i = 1; i <= MESSAGES; i++) {
                publisher.send(session.createTextMessage("headline " + i));
                System.out.println("[publisher] published: headline " + i);
            }
        }

        // 3. The subscriber comes back under the same client ID and subscription name.
        try (Connection connection = factory.createConnection()) {
            connection.setClientID(CLIENT_ID);
            connection.start();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("samples.news");
            MessageConsumer subscriber = session.createDurableConsumer(topic, SUBSCRIPTION);
            System.out.println("[subscriber] back online");
            int received = 0;
            for (int i = 0; i < MESSAGES; i++) {
                TextMessage message = (TextMessage) subscriber.receive(2000);
                if (message == null) {
                    System.out.println("[subscriber] nothing more within 2 s");
                    break;
                }
                received++;
                System.out.println("[subscriber] received while offline: " + message.getText());
            }
            System.out.println("[subscriber] got " + received + " of " + MESSAGES + " published while offline");

            // 4. Done with it: a durable subscription lives until it is removed.
            subscriber.close();
            session.unsubscribe(SUBSCRIPTION);
            System.out.println("[subscriber] unsubscribed " + SUBSCRIPTION);
        }
    }
}
