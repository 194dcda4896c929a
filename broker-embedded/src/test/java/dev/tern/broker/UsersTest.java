package dev.tern.broker;

import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsersTest {

    @Test
    void parsesNamePasswordPairs() throws JMSSecurityException {
        Users users = Users.parse(" alice:secret , bob:a:b,");
        assertEquals(Set.of("alice", "bob"), users.names());
        users.authenticate("alice", "secret");
        users.authenticate("bob", "a:b");
        assertFalse(users.toString().contains("secret"));
    }

    @Test
    void emptyMeansAnyone() {
        Users users = Users.parse("");
        assertFalse(users.authenticationRequired());
        assertDoesNotThrow(() -> users.authenticate(null, null));
        assertDoesNotThrow(() -> users.authenticate("x", "y"));
    }

    @Test
    void rejectsWrongCredentials() {
        Users users = Users.of(Map.of("alice", "secret"));
        assertTrue(users.authenticationRequired());
        assertThrows(JMSSecurityException.class, () -> users.authenticate("alice", "Secret"));
        assertThrows(JMSSecurityException.class, () -> users.authenticate("alice", null));
        assertThrows(JMSSecurityException.class, () -> users.authenticate(null, "secret"));
        assertThrows(JMSSecurityException.class, () -> users.authenticate("mallory", "secret"));
    }

    @Test
    void malformedOptionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Users.parse("alice"));
        assertThrows(IllegalArgumentException.class, () -> Users.parse(":secret"));
        assertThrows(IllegalArgumentException.class,
                () -> BrokerConfig.fromOptions("b", Map.of("users", "nopassword")));
        assertEquals(Set.of("a"), BrokerConfig.fromOptions("b", Map.of("users", "a:b")).users().names());
    }
}
