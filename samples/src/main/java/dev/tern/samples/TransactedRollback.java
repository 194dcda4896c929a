package dev.tern.samples;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * A transacted session: a message received and rolled back comes back (JMSRedelivered=true,
 * JMSXDeliveryCount=2); once committed it is gone from the queue.
 */
public final class TransactedRollback {

    private TransactedRollback() {
    }

    public static void main(String[] args) throws JMSException {
        try (Connection connection = new TernConnectionFactory(Samples.brokerUrl()).createConnection()) {
            connection.start();

            Session producerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = producerSession.createQueue("samples.payments");
            producerSession.createProducer(queue).send(producerSession.createTextMessage("payment 42"));
            System.out.println("[producer] sent: payment 42");

            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(queue);

            print("received", consumer.receive(2000));
            session.rollback();
            System.out.println("[consumer] rolled back: the message goes back to the queue");

            print("received again", consumer.receive(2000));
            session.commit();
            System.out.println("[consumer] committed: the message is consumed");

            Message left = consumer.receive(500);
            System.out.println("[consumer] " + (left == null ? "queue is empty after commit"
                    : "unexpected message after commit: " + ((TextMessage) left).getText()));
            session.commit();
        }
    }

    private static void print(String what, Message message) throws JMSException {
        if (message == null) {
            System.out.println("[consumer] nothing " + what + " within 2 s");
            return;
        }
        System.out.println("[consumer] " + what + ": " + ((TextMessage) message).getText()
                + " JMSRedelivered=" + message.getJMSRedelivered()
                + " JMSXDeliveryCount=" + message.getIntProperty("JMSXDeliveryCount"));
    }
}
