package dev.tern.broker;

import jakarta.jms.JMSSecurityException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The users a broker accepts, with their passwords. A password is given in clear or as
 * {@code sha256:<hex digest of the UTF-8 password>}. With no users at all, every connection is
 * accepted (embedded brokers, development).
 */
public final class Users {

    private static final String SHA256_PREFIX = "sha256:";
    private static final Users NONE = new Users(Map.of());

    private final Map<String, String> passwords;

    private Users(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
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

    public static Users none() {
        return NONE;
    }

    /** Users from name to password (clear, or {@code sha256:<hex>}). */
    public static Users of(Map<String, String> passwords) {
        passwords.forEach((user, password) -> {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("A user name is blank");
            }
            if (password == null) {
                throw new IllegalArgumentException("User " + user + " has no password");
            }
        });
        return passwords.isEmpty() ? NONE : new Users(passwords);
    }

    public boolean acceptsAll() {
        return passwords.isEmpty();
    }

    public boolean authenticationRequired() {
        return !acceptsAll();
    }

    public Set<String> names() {
        return passwords.keySet();
    }

    public int size() {
        return passwords.size();
    }

    /** Checks a connection's credentials: {@code JMSSecurityException} unless they match a user. */
    public void authenticate(String user, String password) throws JMSSecurityException {
        if (acceptsAll()) {
            return;
        }
        String expected = user == null ? null : passwords.get(user);
        if (expected == null || password == null || !matches(expected, password)) {
            // The same answer for an unknown user and a wrong password: no hint for guessing.
            throw new JMSSecurityException("Authentication failed for user '" + user + "'", "TERN-SEC-001");
        }
    }

    private static boolean matches(String expected, String given) {
        byte[] expectedBytes;
        byte[] givenBytes;
        if (expected.startsWith(SHA256_PREFIX)) {
            expectedBytes = HexFormat.of().parseHex(expected.substring(SHA256_PREFIX.length()).trim().toLowerCase());
            givenBytes = sha256(given);
        } else {
            expectedBytes = expected.getBytes(StandardCharsets.UTF_8);
            givenBytes = given.getBytes(StandardCharsets.UTF_8);
        }
        return MessageDigest.isEqual(expectedBytes, givenBytes);
    }

    /** Names only: passwords never appear in logs. */
    @Override
    public String toString() {
        return acceptsAll() ? "no authentication" : "users" + new java.util.TreeSet<>(names());
    }

    /** The form to put in a config file instead of a clear password. */
    public static String sha256Form(String password) {
        return SHA256_PREFIX + HexFormat.of().formatHex(sha256(password));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
