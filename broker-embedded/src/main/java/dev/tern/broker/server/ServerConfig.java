package dev.tern.broker.server;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TlsConfig;

import java.util.List;
import java.util.Objects;

/**
 * What the standalone broker runs: the broker's own settings plus where it listens and which
 * destinations exist from the start.
 *
 * @param broker the broker settings (name, data directory, durability, users)
 * @param host   address to listen on ({@code 0.0.0.0} = every interface)
 * @param port   TCP port (0 = any free port)
 * @param queues queues created at start
 * @param topics topics created at start
 * @param tls    TLS on the port (clients use {@code ssl://}); null: plain TCP
 */
public record ServerConfig(BrokerConfig broker, String host, int port, List<String> queues, List<String> topics,
                           TlsConfig tls) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 61616;

    public ServerConfig {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        queues = List.copyOf(queues);
        topics = List.copyOf(topics);
    }
}
