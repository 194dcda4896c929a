package dev.tern.samples;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Point-to-point: one producer, two competing consumers on the same queue. Each message goes to
 * exactly one of them.
 */
public final class PointToPoint {

    private static final int MESSAGES = 10;

    private PointToPoint() {
    }

    public static void main(String[] args) throws JMSException, InterruptedException {
        CountDownLatch allReceived = new CountDownLatch(MESSAGES);
        Map<String, List<String>> receivedBy = new ConcurrentHashMap<>();

        try (Connection connection = new TernConnectionFactory(Samples.brokerUrl()).createConnection()) {
            // One session per consumer: each session delivers to its listener on its own thread.
            for (String consumer : List.of("consumer-1", "consumer-2")) {
                Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
                MessageConsumer queueConsumer = session.createConsumer(session.createQueue("samples.work"));
                List<String> mine = new CopyOnWriteArrayList<>();
                receivedBy.put(consumer, mine);
                queueConsumer.setMessageListener(message -> {
                    try {
                        String text = ((TextMessage) message).getText();
                        mine.add(text);
                        System.out.println("[" + consumer + "] received: " + text);
                    } catch (JMSException e) {
                        System.out.println("[" + consumer + "] could not read a message: " + e);
                    }
                    allReceived.countDown();
                });
            }
            connection.start();

            Session producerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = producerSession.createQueue("samples.work");
            MessageProducer producer = producerSession.createProducer(queue);
            for (int i = 1; i <= MESSAGES; i++) {
                // Printed before sending: a consumer may print its receipt before send() returns.
                System.out.println("[producer] sending: job " + i);
                producer.send(producerSession.createTextMessage("job " + i));
            }

            boolean done = allReceived.await(5, TimeUnit.SECONDS);
            System.out.println("[main] " + (done ? "all " + MESSAGES + " jobs received"
                    : "timed out: " + allReceived.getCount() + " jobs not received"));
        } // closing the connection closes its sessions and stops the listeners

        int total = 0;
        for (Map.Entry<String, List<String>> entry : new TreeMap<>(receivedBy).entrySet()) {
            System.out.println("[main] " + entry.getKey() + " got " + entry.getValue().size() + ": " + entry.getValue());
            total += entry.getValue().size();
        }
        System.out.println("[main] total received: " + total + " of " + MESSAGES + " sent");
    }
}
