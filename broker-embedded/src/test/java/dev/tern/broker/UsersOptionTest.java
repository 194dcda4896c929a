package dev.tern.broker;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code users} broker option: an embedded broker started by its URL can authenticate too. */
class UsersOptionTest {

    @AfterEach
    void stopBrokers() {
        BrokerRegistry.get("users-option").ifPresent(TernBroker::stop);
    }

    @Test
    void parsesNamePasswordPairs() throws JMSException {
        Users users = BrokerConfig.fromOptions("b", Map.of("users", " alice:secret , bob:a:b,")).users();
        assertEquals(2, users.size());
        users.authenticate("alice", "secret");
        users.authenticate("bob", "a:b"); // only the first ':' separates
        assertThrows(JMSSecurityException.class, () -> users.authenticate("alice", "a:b"));
        Users hashed = BrokerConfig.fromOptions("b", Map.of("users", "carol:" + Users.sha256Form("pw"))).users();
        hashed.authenticate("carol", "pw");
    }

    @Test
    void emptyMeansAnyone() {
        Users users = BrokerConfig.fromOptions("b", Map.of("users", "")).users();
        assertDoesNotThrow(() -> users.authenticate("x", "y"));
    }

    @Test
    void malformedPairsAreRejectedWithoutEchoingPasswords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerConfig.fromOptions("b", Map.of("users", "alice")));
        assertThrows(IllegalArgumentException.class, () -> BrokerConfig.fromOptions("b", Map.of("users", ":secret")));
        assertEquals(false, e.getMessage().contains("secret"));
    }

    @Test
    void aBrokerStartedByItsUrlRefusesOtherCredentials() throws JMSException {
        TernConnectionFactory factory = new TernConnectionFactory(
                "vm://users-option?persistent=false&users=alice:secret&user=alice&password=secret");
        try (Connection connection = factory.createConnection()) { // the URL's identity
            connection.start();
        }
        assertThrows(JMSSecurityException.class, () -> factory.createConnection("alice", "wrong"));
        assertThrows(JMSSecurityException.class, () -> factory.createTopicConnection("mallory", "secret"));
        assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext("alice", "wrong"));
        try (JMSContext context = factory.createContext("alice", "secret")) {
            context.createProducer().send(context.createQueue("q"), "in");
        }
    }
}
