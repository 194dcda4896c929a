package dev.tern.samples;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

/**
 * The JMS 2.0 simplified API: one JMSContext instead of connection + session, fluent producers,
 * bodies received directly, and no checked exceptions.
 */
public final class SimplifiedApi {

    private static final int MESSAGES = 3;

    private SimplifiedApi() {
    }

    public static void main(String[] args) {
        ConnectionFactory factory = new TernConnectionFactory(Samples.brokerUrl());
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("samples.simple");

            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 1; i <= MESSAGES; i++) {
                producer.setProperty("sequence", i).send(queue, "greeting " + i);
                System.out.println("[producer] sent: greeting " + i);
            }

            // Creating a consumer starts the context's connection.
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                for (int i = 0; i < MESSAGES; i++) {
                    String body = consumer.receiveBody(String.class, 2000);
                    if (body == null) {
                        System.out.println("[consumer] nothing more within 2 s");
                        break;
                    }
                    System.out.println("[consumer] received: " + body);
                }
            }
        }
        System.out.println("[main] context closed");
    }
}
