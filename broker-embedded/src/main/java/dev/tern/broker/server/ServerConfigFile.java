package dev.tern.broker.server;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.BrokerSetting;
import dev.tern.broker.Users;
import dev.tern.broker.net.TlsConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the standalone broker's configuration: one Java properties file.
 *
 * <pre>
 * name=default                # broker name
 * dataDir=/var/lib/tern       # and every other broker option: persistent, sync, dispatchThreads
 * host=0.0.0.0
 * port=61616
 * user.alice=secret           # a user; or user.alice=sha256:&lt;hex&gt;; no user.* = everyone accepted
 * queues=orders,invoices      # created at start
 * topics=prices
 * tls.keyStore=/etc/tern/broker.p12      # TLS on the port (clients use ssl://); the other tls.* keys:
 * tls.keyStorePassword=changeit         # tls.keyStoreType (PKCS12), tls.trustStore, tls.trustStorePassword,
 * tls.clientAuth=none                   # tls.trustStoreType, tls.clientAuth (none|want|need)
 * </pre>
 *
 * Command-line flags ({@code --data}, {@code --port}) override the file. An unknown key is an error
 * naming it, so a typo never goes unnoticed.
 */
public final class ServerConfigFile {

    static final String NAME = "name";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String USER_PREFIX = "user.";
    static final String QUEUES = "queues";
    static final String TOPICS = "topics";
    static final String TLS_PREFIX = "tls.";
    static final List<String> TLS_KEYS = List.of("keyStore", "keyStorePassword", "keyStoreType", "trustStore",
            "trustStorePassword", "trustStoreType", "clientAuth");

    private ServerConfigFile() {
    }

    /** Reads a config file; {@code IllegalArgumentException} for a bad key or value. */
    public static ServerConfig load(Path file, Map<String, String> overrides) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        values.putAll(overrides);
        return parse(values);
    }

    /** The configuration from key/value pairs (the file's, or only the command line's). */
    public static ServerConfig parse(Map<String, String> values) {
        String name = values.getOrDefault(NAME, "default");
        Map<String, String> brokerOptions = new LinkedHashMap<>();
        Map<String, String> users = new LinkedHashMap<>();
        String host = ServerConfig.DEFAULT_HOST;
        int port = ServerConfig.DEFAULT_PORT;
        List<String> queues = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        Map<String, String> tls = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (key.equals(NAME)) {
                continue;
            } else if (key.equals(HOST)) {
                host = value;
            } else if (key.equals(PORT)) {
                port = parsePort(value);
            } else if (key.equals(QUEUES)) {
                queues.addAll(list(value));
            } else if (key.equals(TOPICS)) {
                topics.addAll(list(value));
            } else if (key.startsWith(TLS_PREFIX)) {
                String tlsKey = key.substring(TLS_PREFIX.length());
                if (!TLS_KEYS.contains(tlsKey)) {
                    throw new IllegalArgumentException("Unknown setting '" + key + "' (known TLS settings: "
                            + TLS_KEYS.stream().map(k -> TLS_PREFIX + k).toList() + ")");
                }
                tls.put(tlsKey, value);
            } else if (key.startsWith(USER_PREFIX) && key.length() > USER_PREFIX.length()) {
                users.put(key.substring(USER_PREFIX.length()), value);
            } else if (key.equals(BrokerSetting.USERS.key())) {
                // One way to give users in a file: the users option would be overridden by user.* silently.
                throw new IllegalArgumentException("Give users as user.<name>=<password> entries, not '"
                        + key + "'");
            } else if (BrokerSetting.forKey(key) != null) {
                brokerOptions.put(key, value);
            } else {
                throw new IllegalArgumentException("Unknown setting '" + key + "' (known: name, host, port, "
                        + "queues, topics, user.<name>, tls.*, and the broker options "
                        + Arrays.stream(BrokerSetting.values()).map(BrokerSetting::key).toList() + ")");
            }
        }
        BrokerConfig broker = BrokerConfig.builderFromOptions(name, brokerOptions).users(Users.of(users)).build();
        return new ServerConfig(broker, host, port, queues, topics, tls(tls));
    }

    /** The TLS settings, or null when there are none; {@code tls.keyStore} is what turns TLS on. */
    private static TlsConfig tls(Map<String, String> tls) {
        if (tls.isEmpty()) {
            return null;
        }
        String keyStore = tls.get("keyStore");
        if (keyStore == null || keyStore.isEmpty()) {
            throw new IllegalArgumentException("TLS settings " + tls.keySet().stream().map(k -> TLS_PREFIX + k).toList()
                    + " without tls.keyStore (the broker's certificate)");
        }
        String clientAuth = tls.get("clientAuth");
        String trustStore = tls.get("trustStore");
        return new TlsConfig(Path.of(keyStore), tls.get("keyStorePassword"), tls.get("keyStoreType"),
                trustStore == null || trustStore.isEmpty() ? null : Path.of(trustStore), tls.get("trustStorePassword"),
                tls.get("trustStoreType"), clientAuth == null ? null : TlsConfig.ClientAuthMode.parse(clientAuth));
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number: " + value);
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
