package dev.tern.it;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import dev.tern.test.TernTestBase;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedding API: start a named broker, get its connection factory, stop it under live connections. */
class EmbeddingApiTest extends TernTestBase {

    @TempDir
    Path dataDir;

    private TernBroker broker;
    private Connection connection;

    @AfterEach
    void tearDown() throws JMSException {
        if (connection != null) {
            connection.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void brokersConnectionFactorySendsAndReceives() throws JMSException {
        broker = TernBroker.start(BrokerConfig.builder("embedding-api").dataDirectory(dataDir).build());
        ConnectionFactory factory = broker.connectionFactory();
        connection = factory.createConnection();
        connection.start();
        Session session = connection.createSession();
        Queue queue = session.createQueue("embedded");
        session.createProducer(queue).send(session.createTextMessage("hello"));
        TextMessage received = (TextMessage) session.createConsumer(queue).receive(2000);
        assertNotNull(received);
        assertEquals("hello", received.getText());
    }

    @Test
    void connectionFactoryOfAStoppedBrokerDoesNotStartANewOne() {
        broker = TernBroker.start(BrokerConfig.builder("embedding-stopped").persistent(false).build());
        ConnectionFactory factory = broker.connectionFactory();
        broker.stop();
        assertThrows(JMSException.class, factory::createConnection);
    }

    @Test
    void stoppingTheBrokerFailsItsConnections() throws Exception {
        broker = TernBroker.start(BrokerConfig.builder("embedding-failure").persistent(false).build());
        connection = broker.connectionFactory().createConnection();
        AtomicReference<JMSException> reported = new AtomicReference<>();
        connection.setExceptionListener(reported::set);
        connection.start();
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("nothing-comes"));
        CompletableFuture<Object> blockedReceive = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive();
            } catch (JMSException e) {
                return e;
            }
        });
        Thread.sleep(200);

        broker.stop();

        assertNull(blockedReceive.get(5, TimeUnit.SECONDS), "a blocked receive returns null when the link fails");
        assertNotNull(reported.get(), "the ExceptionListener was told");
        assertThrows(IllegalStateException.class, () -> session.createProducer(null));
    }
}
