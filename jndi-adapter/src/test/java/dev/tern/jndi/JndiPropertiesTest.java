package dev.tern.jndi;

import dev.tern.client.TernConnectionFactory;
import dev.tern.client.TernQueue;
import dev.tern.client.TernTopic;
import org.junit.jupiter.api.Test;

import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import java.util.Hashtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Through the JDK's InitialContext, which reads src/test/resources/jndi.properties. */
class JndiPropertiesTest {

    @Test
    void newInitialContextReadsJndiPropertiesFromTheClassPath() throws Exception {
        Context context = new InitialContext();
        try {
            TernConnectionFactory factory = assertInstanceOf(TernConnectionFactory.class, context.lookup("jms/PropertiesCF"));
            assertEquals("vm://jndi-properties?create=false", factory.getUrl());
            assertEquals(new TernQueue("orders.incoming"), context.lookup("jms/queue/Orders"));
            assertEquals(new TernTopic("prices.eu"), context.lookup(new CompositeName("prices.eu")));
            assertEquals(new TernQueue("anything"), context.lookup("dynamicQueues/anything"));
            assertThrows(NameNotFoundException.class, () -> context.lookup("ConnectionFactory"));
            assertThrows(OperationNotSupportedException.class, () -> context.bind("x", new TernQueue("x")));
        } finally {
            context.close();
        }
    }

    @Test
    void theEnvironmentGivenToInitialContextAddsToJndiProperties() throws Exception {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put("queue.extra", "extra");
        Context context = new InitialContext(environment);
        try {
            assertEquals(new TernQueue("extra"), context.lookup("extra"));
            assertEquals(new TernQueue("orders.incoming"), context.lookup("jms/queue/Orders"));
        } finally {
            context.close();
        }
    }
}
