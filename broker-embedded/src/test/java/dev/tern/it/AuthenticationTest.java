package dev.tern.it;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import dev.tern.broker.Users;
import dev.tern.client.TernConnectionFactory;
import dev.tern.test.TernTestBase;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** A broker with users lets in only their credentials; without users it lets anyone in. */
class AuthenticationTest extends TernTestBase {

    private TernBroker broker;

    @AfterEach
    void tearDown() {
        if (broker != null) {
            broker.stop();
        }
    }

    private TernBroker start(String name, Users users) {
        broker = TernBroker.start(BrokerConfig.builder(name).persistent(false).users(users).build());
        return broker;
    }

    @Test
    void wrongPasswordOrUnknownUserIsAJmsSecurityException() {
        start("auth-wrong", Users.of(Map.of("alice", "secret")));
        TernConnectionFactory factory = new TernConnectionFactory("vm://auth-wrong?create=false");
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "wrong"));
        assertThrows(JMSSecurityException.class, () -> factory.createQueueConnection("bob", "secret"));
        assertThrows(JMSSecurityException.class, () -> factory.createTopicConnection("alice", null));
        assertThrows(JMSSecurityException.class, factory::createConnection); // no default identity
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("alice", "wrong"));
    }

    @Test
    void rightCredentialsConnect() throws JMSException {
        start("auth-right", Users.of(Map.of("alice", "secret")));
        TernConnectionFactory factory = new TernConnectionFactory("vm://auth-right?create=false");
        try (Connection connection = factory.createConnection("alice", "secret")) {
            connection.start();
        }
        try (JMSContext context = factory.createContext("alice", "secret")) {
            context.createProducer().send(context.createQueue("q"), "in");
        }
    }

    @Test
    void theUrlsUserAndPasswordAreTheDefaultIdentity() throws JMSException {
        start("auth-default", Users.parse("alice:secret,bob:pa:ss"));
        try (Connection connection = new TernConnectionFactory(
                "vm://auth-default?create=false&user=bob&password=pa:ss").createConnection()) {
            connection.start();
        }
        TernConnectionFactory wrongDefault = new TernConnectionFactory(
                "vm://auth-default?create=false&user=alice&password=nope");
        assertThrows(JMSSecurityException.class, wrongDefault::createConnection);
        try (Connection explicit = wrongDefault.createConnection("alice", "secret")) { // explicit wins
            explicit.start();
        }
    }

    @Test
    void theUsersOptionConfiguresTheBrokerFromItsUrl() {
        TernConnectionFactory factory = new TernConnectionFactory("vm://auth-url?persistent=false&users=alice:secret");
        try (JMSContext context = factory.createContext("alice", "secret")) {
            broker = dev.tern.broker.BrokerRegistry.get("auth-url").orElseThrow();
        }
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("alice", "other"));
    }

    @Test
    void withoutUsersAnyCredentialsConnect() throws JMSException {
        start("auth-none", Users.none());
        try (Connection connection = new TernConnectionFactory("vm://auth-none?create=false")
                .createConnection("anyone", "anything")) {
            connection.start();
        }
    }
}
