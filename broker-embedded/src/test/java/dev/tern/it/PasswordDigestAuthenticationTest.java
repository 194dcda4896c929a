package dev.tern.it;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import dev.tern.broker.Users;
import dev.tern.client.TernConnectionFactory;
import dev.tern.test.TernTestBase;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Users given as sha256 digests authenticate with the clear password, never with the digest. */
class PasswordDigestAuthenticationTest extends TernTestBase {

    private TernBroker broker;
    private String base = "vm://auth-digest-it";

    @BeforeEach
    void start() {
        Users users = Users.of(Map.of("alice", "wonderland", "bob", Users.sha256Form("builder")));
        broker = TernBroker.start(BrokerConfig.builder("auth-digest-it").persistent(false).users(users).build());
        if (EmbeddedBrokers.overTcp()) { // the acceptor checks the broker's users
            base = broker.startAcceptor(dev.tern.broker.net.TcpAcceptorConfig.builder().host("127.0.0.1").port(0)
                    .build()).localUrl();
        }
    }

    @AfterEach
    void stop() {
        broker.stop();
    }

    @Test
    void rightCredentialsConnect() throws Exception {
        TernConnectionFactory factory = new TernConnectionFactory(base);
        try (Connection alice = factory.createConnection("alice", "wonderland");
             Connection bob = factory.createConnection("bob", "builder")) {
            alice.start();
            bob.start();
        }
    }

    @Test
    void credentialsInTheUrlAreUsedByCreateConnectionWithoutArguments() throws Exception {
        try (Connection connection = new TernConnectionFactory(base + "?user=alice&password=wonderland")
                .createConnection()) {
            connection.start();
        }
    }

    @Test
    void wrongPasswordUnknownUserAndMissingCredentialsAreRefused() {
        TernConnectionFactory factory = new TernConnectionFactory(base);
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "wrong"));
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("mallory", "wonderland"));
        assertThrows(JMSSecurityException.class, factory::createConnection);
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("bob", Users.sha256Form("builder")),
                "the stored digest is not a password");
    }

    @Test
    void simplifiedApiMapsTheRefusalToJMSSecurityRuntimeException() {
        TernConnectionFactory factory = new TernConnectionFactory(base);
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("alice", "wrong"));
        try (JMSContext context = factory.createContext("alice", "wonderland")) {
            assertEquals(JMSContext.AUTO_ACKNOWLEDGE, context.getSessionMode());
        }
    }
}
