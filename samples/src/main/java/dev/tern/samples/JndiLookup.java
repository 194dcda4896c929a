package dev.tern.samples;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * JNDI: the application names nothing Tern-specific. {@code jndi.properties} on the class path
 * (src/main/resources) selects Tern's InitialContextFactory and binds a connection factory and a
 * queue; the code only looks them up.
 */
public final class JndiLookup {

    private JndiLookup() {
    }

    public static void main(String[] args) throws NamingException, JMSException {
        InitialContext jndi = new InitialContext(); // reads jndi.properties
        ConnectionFactory factory;
        Queue queue;
        try {
            factory = (ConnectionFactory) jndi.lookup("jms/ConnectionFactory");
            queue = (Queue) jndi.lookup("jms/queue/Greetings");
        } finally {
            jndi.close();
        }
        System.out.println("[jndi] jms/ConnectionFactory -> " + factory);
        System.out.println("[jndi] jms/queue/Greetings -> queue " + queue.getQueueName());

        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("hello from JNDI"));
            System.out.println("[producer] sent: hello from JNDI");

            MessageConsumer consumer = session.createConsumer(queue);
            TextMessage message = (TextMessage) consumer.receive(2000);
            System.out.println("[consumer] " + (message == null ? "nothing received within 2 s"
                    : "received: " + message.getText()));
        }
    }
}
