package dev.tern.broker;

import jakarta.jms.JMSSecurityException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may connect to a broker: user names and their passwords. With no users, authentication is off
 * and anyone may connect with any credentials (the default, as for an embedded broker); with some, a
 * connection must name one of them with its password, or it fails with {@link JMSSecurityException}.
 */
public final class Users {

    private static final Users NONE = new Users(Map.of());

    private final Map<String, String> passwords;

    private Users(Map<String, String> passwords) {
        this.passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    }

    /** Authentication off. */
    public static Users none() {
        return NONE;
    }

    /** Exactly these users (name to password). */
    public static Users of(Map<String, String> passwords) {
        for (Map.Entry<String, String> user : passwords.entrySet()) {
            if (user.getKey() == null || user.getKey().isEmpty() || user.getValue() == null) {
                throw new IllegalArgumentException("A user needs a name and a password: " + user.getKey());
            }
        }
        return passwords.isEmpty() ? NONE : new Users(passwords);
    }

    /**
     * Parses {@code name:password,name:password} (the {@code users} broker option); an empty string
     * is no users. A password may contain ':' (only the first one separates), not ','.
     */
    public static Users parse(String spec) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Broker option 'users' expects name:password pairs, got '"
                        + trimmed + "'");
            }
            passwords.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
        }
        return of(passwords);
    }

    public boolean authenticationRequired() {
        return !passwords.isEmpty();
    }

    public Set<String> names() {
        return passwords.keySet();
    }

    /** Checks the credentials a connection gives; does nothing when authentication is off. */
    public void authenticate(String user, String password) throws JMSSecurityException {
        if (!authenticationRequired()) {
            return;
        }
        String expected = user == null ? null : passwords.get(user);
        // Compare whole arrays in constant time, and as much for an unknown user as for a known one.
        byte[] given = bytes(password);
        byte[] wanted = bytes(expected == null ? "" : expected);
        boolean matches = MessageDigest.isEqual(given, wanted);
        if (expected == null || password == null || !matches) {
            throw new JMSSecurityException("Authentication failed for user " + (user == null ? "(none)" : "'" + user + "'"));
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Names only: passwords never appear in logs. */
    @Override
    public String toString() {
        return authenticationRequired() ? "users" + names() : "no authentication";
    }
}
