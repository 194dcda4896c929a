package dev.tern.client;

import jakarta.jms.JMSException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection factory's URL, split into the broker address and its query options. Client options
 * are read here, each once with its default; the rest is left to the transport (and the broker).
 */
public final class ClientOptions {

    /** Client ID given to every connection of the factory (administratively configured). */
    public static final String CLIENT_ID = "clientID";
    /** How many messages the broker may push to a consumer ahead of the application. Default 100. */
    public static final String PREFETCH = "prefetch";
    /** Default user name when {@code createConnection()} is called without one. */
    public static final String USER = "user";
    /** Default password when {@code createConnection()} is called without one. */
    public static final String PASSWORD = "password";

    static final int DEFAULT_PREFETCH = 100;

    private final String url;
    private final URI uri;
    private final Map<String, String> options;

    private ClientOptions(String url, URI uri, Map<String, String> options) {
        this.url = url;
        this.uri = uri;
        this.options = options;
    }

    /** Parses {@code scheme://authority[/path][?k=v&...]}; a malformed URL is a {@code JMSException}. */
    public static ClientOptions parse(String url) throws JMSException {
        if (url == null || url.isBlank()) {
            throw new JMSException("Broker URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (Exception e) {
            throw withCause(new JMSException("Malformed broker URL '" + url + "': " + e.getMessage()), e);
        }
        if (uri.getScheme() == null) {
            throw new JMSException("Broker URL '" + url + "' has no scheme (expected vm://, tcp:// or ssl://)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                options.put(key, value);
            }
        }
        ClientOptions parsed = new ClientOptions(url, uri, Collections.unmodifiableMap(options));
        parsed.prefetch(); // validate early
        return parsed;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static <E extends Exception> E withCause(E e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    public String url() {
        return url;
    }

    public URI uri() {
        return uri;
    }

    public String scheme() {
        return uri.getScheme();
    }

    public Map<String, String> all() {
        return options;
    }

    public String clientId() {
        String id = options.get(CLIENT_ID);
        return id == null || id.isEmpty() ? null : id;
    }

    public String user() {
        return options.get(USER);
    }

    public String password() {
        return options.get(PASSWORD);
    }

    public int prefetch() throws JMSException {
        String value = options.get(PREFETCH);
        if (value == null) {
            return DEFAULT_PREFETCH;
        }
        try {
            int prefetch = Integer.parseInt(value);
            if (prefetch < 1) {
                throw new JMSException("Option " + PREFETCH + " must be at least 1, got " + value);
            }
            return prefetch;
        } catch (NumberFormatException e) {
            throw withCause(new JMSException("Option " + PREFETCH + " is not a number: " + value), e);
        }
    }
}
