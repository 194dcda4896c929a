package dev.tern.samples;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous on both sides: a MessageListener receives, and sends return at once and report
 * their outcome to a CompletionListener.
 */
public final class AsyncListener {

    private static final int MESSAGES = 3;

    private AsyncListener() {
    }

    public static void main(String[] args) throws JMSException, InterruptedException {
        CountDownLatch received = new CountDownLatch(MESSAGES);
        CountDownLatch sendsCompleted = new CountDownLatch(MESSAGES);

        try (Connection connection = new TernConnectionFactory(Samples.brokerUrl()).createConnection()) {
            // The listener runs on its session's delivery thread; the sending session is another one.
            Session consumerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = consumerSession.createQueue("samples.events");
            consumerSession.createConsumer(queue).setMessageListener(message -> {
                try {
                    System.out.println("[listener] received: " + ((TextMessage) message).getText());
                } catch (JMSException e) {
                    System.out.println("[listener] could not read a message: " + e);
                }
                received.countDown();
            });
            connection.start();

            Session producerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = producerSession.createProducer(queue);
            for (int i = 1; i <= MESSAGES; i++) {
                String text = "event " + i;
                System.out.println("[producer] sending: " + text);
                producer.send(producerSession.createTextMessage(text), new CompletionListener() {
                    @Override
                    public void onCompletion(Message message) {
                        System.out.println("[producer] send completed: " + text);
                        sendsCompleted.countDown();
                    }

                    @Override
                    public void onException(Message message, Exception exception) {
                        System.out.println("[producer] send failed: " + text + ": " + exception);
                        sendsCompleted.countDown();
                    }
                });
                System.out.println("[producer] send(" + text + ") returned");
            }

            boolean allSent = sendsCompleted.await(5, TimeUnit.SECONDS);
            boolean allReceived = received.await(5, TimeUnit.SECONDS);
            System.out.println("[main] sends completed: " + (MESSAGES - sendsCompleted.getCount()) + " of " + MESSAGES
                    + (allSent ? "" : " (timed out)"));
            System.out.println("[main] messages received: " + (MESSAGES - received.getCount()) + " of " + MESSAGES
                    + (allReceived ? "" : " (timed out)"));
        }
    }
}
