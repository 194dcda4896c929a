package dev.tern.jndi;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.naming.Context;
import javax.naming.InitialContext;
import java.util.Hashtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Objects found through JNDI carry messages through the real embedded broker. */
class JndiIntegrationTest {

    private Context jndi;

    @BeforeEach
    void createInitialContext() throws Exception {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, TernInitialContextFactory.class.getName());
        environment.put("connectionFactory.jms/ItCF", "vm://jndi-it?persistent=false");
        environment.put("queue.jms/queue/It", "jndi.it.queue");
        jndi = new InitialContext(environment);
    }

    @AfterEach
    void closeInitialContext() throws Exception {
        jndi.close();
    }

    @Test
    void sendsAndReceivesATextMessageThroughLookedUpObjects() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("jms/ItCF");
        Queue queue = (Queue) jndi.lookup("jms/queue/It");

        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            session.createProducer(queue).send(session.createTextMessage("hello through JNDI"));

            TextMessage received = assertInstanceOf(TextMessage.class, consumer.receive(5_000));
            assertEquals("hello through JNDI", received.getText());
        }
    }

    @Test
    void aDynamicQueueWorksWithTheSimplifiedApi() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("jms/ItCF");
        Queue queue = (Queue) jndi.lookup("dynamicQueues/jndi.it.dynamic");

        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(queue, "dynamic");
            assertEquals("dynamic", context.createConsumer(queue).receiveBody(String.class, 5_000));
        }
    }
}
