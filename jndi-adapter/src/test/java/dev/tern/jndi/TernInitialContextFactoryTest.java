package dev.tern.jndi;

import dev.tern.client.TernConnectionFactory;
import dev.tern.client.TernQueue;
import dev.tern.client.TernTopic;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;

import static dev.tern.jndi.Environments.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TernInitialContextFactoryTest {

    @Test
    void bindsConnectionFactoriesQueuesAndTopicsUnderNamesWithDotsAndSlashes() throws Exception {
        Context context = context(
                "connectionFactory.jms/MyCF", "tcp://localhost:61616?clientID=cts",
                "connectionFactory.local.cf", "vm://default",
                "queue.jms/queue/Orders", "orders.incoming",
                "queue.plain", "plain",
                "topic.prices.eu", "prices/eu");

        TernConnectionFactory remote = assertInstanceOf(TernConnectionFactory.class, context.lookup("jms/MyCF"));
        assertEquals("tcp://localhost:61616?clientID=cts", remote.getUrl());
        TernConnectionFactory local = assertInstanceOf(TernConnectionFactory.class, context.lookup("local.cf"));
        assertEquals("vm://default", local.getUrl());
        assertEquals("orders.incoming", assertInstanceOf(Queue.class, context.lookup("jms/queue/Orders")).getQueueName());
        assertEquals(new TernQueue("plain"), context.lookup("plain"));
        assertEquals("prices/eu", assertInstanceOf(Topic.class, context.lookup("prices.eu")).getTopicName());
    }

    @Test
    void namesAreCanonicalSoExtraSlashesDoNotMatter() throws Exception {
        Context context = context("queue./jms//Orders/", "orders");

        assertEquals(new TernQueue("orders"), context.lookup("jms/Orders"));
        assertEquals(new TernQueue("orders"), context.lookup("/jms/Orders"));
    }

    @Test
    void valuesAreTrimmed() throws Exception {
        Context context = context("topic.t", "  news \t");

        assertEquals(new TernTopic("news"), context.lookup("t"));
    }

    @Test
    void withoutAnyConnectionFactoryBindsTheDefaultOnesForVmDefault() throws Exception {
        Context context = context("queue.q", "q");

        Object factory = context.lookup("ConnectionFactory");
        assertEquals("vm://default", assertInstanceOf(TernConnectionFactory.class, factory).getUrl());
        assertSame(factory, context.lookup("QueueConnectionFactory"));
        assertSame(factory, context.lookup("TopicConnectionFactory"));
    }

    @Test
    void theDefaultConnectionFactoryUsesTheProviderUrl() throws Exception {
        Context context = context(Context.PROVIDER_URL, "tcp://broker.example:61616?clientID=app");

        TernConnectionFactory factory = assertInstanceOf(TernConnectionFactory.class, context.lookup("ConnectionFactory"));
        assertEquals("tcp://broker.example:61616?clientID=app", factory.getUrl());
    }

    @Test
    void anEmptyEnvironmentStillHasTheDefaultFactory() throws Exception {
        Context context = new TernInitialContextFactory().getInitialContext(null);

        assertInstanceOf(ConnectionFactory.class, context.lookup("ConnectionFactory"));
    }

    @Test
    void aConfiguredConnectionFactoryReplacesTheDefaultOnes() throws Exception {
        Context context = context("connectionFactory.myCF", "vm://default", Context.PROVIDER_URL, "vm://other");

        assertInstanceOf(ConnectionFactory.class, context.lookup("myCF"));
        assertThrows(NameNotFoundException.class, () -> context.lookup("ConnectionFactory"));
        assertThrows(NameNotFoundException.class, () -> context.lookup("QueueConnectionFactory"));
    }

    @Test
    void otherEntriesOfTheEnvironmentAreIgnored() throws Exception {
        Context context = context("java.naming.factory.initial", TernInitialContextFactory.class.getName(),
                "queues.notOurs", "x", "some.other.setting", "y");

        assertThrows(NameNotFoundException.class, () -> context.lookup("notOurs"));
        assertThrows(NameNotFoundException.class, () -> context.lookup("some.other.setting"));
    }

    @Test
    void rejectsAnEmptyJndiName() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> context("queue.", "q"));
        assertTrue(e.getMessage().contains("queue."), e.getMessage());
        assertThrows(ConfigurationException.class, () -> context("topic./", "t"));
    }

    @Test
    void rejectsAnEmptyValue() {
        assertThrows(ConfigurationException.class, () -> context("queue.q", " "));
        assertThrows(ConfigurationException.class, () -> context("connectionFactory.cf", ""));
    }

    @Test
    void rejectsANameBoundTwice() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> context("queue.jms/x", "a", "topic.jms/x", "b"));
        assertTrue(e.getMessage().contains("jms/x"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> context("queue.jms/x", "a", "queue.jms//x", "b"));
    }

    @Test
    void rejectsANameThatIsBothAnObjectAndASubContext() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> context("queue.jms", "a", "queue.jms/b", "b"));
        assertTrue(e.getMessage().contains("jms/b"), e.getMessage());
    }
}
