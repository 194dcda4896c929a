package dev.tern.broker.net;

import dev.tern.protocol.Protocol;

import java.util.Objects;

/**
 * How a {@link TcpAcceptor} listens; immutable, built with {@link #builder()}.
 *
 * @param host                    address to bind ({@code 0.0.0.0}: all interfaces)
 * @param port                    TCP port; 0 picks a free one ({@link TcpAcceptor#port()} tells which)
 * @param maxFrameSize            largest frame accepted from a client; a bigger one closes its connection
 * @param heartbeatIntervalMillis how often clients should send a heartbeat when idle (0: never)
 * @param heartbeatTimeoutMillis  a client silent this long is dropped (0: never)
 * @param handshakeTimeoutMillis  a client must complete its HELLO within this time
 * @param authenticator           checks user/password; {@code null}: the broker's configured users
 *                                ({@code TernBroker.authenticate}; with none, everyone is accepted)
 * @param tls                     TLS on this port; null: plain TCP
 */
public record TcpAcceptorConfig(String host, int port, int maxFrameSize, int heartbeatIntervalMillis,
                                int heartbeatTimeoutMillis, int handshakeTimeoutMillis,
                                Authenticator authenticator, TlsConfig tls) {

    public TcpAcceptorConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("maxFrameSize must be at least 1024: " + maxFrameSize);
        }
        if (heartbeatIntervalMillis < 0 || heartbeatTimeoutMillis < 0 || handshakeTimeoutMillis < 1) {
            throw new IllegalArgumentException("heartbeat times must be >= 0 and the handshake timeout > 0");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All interfaces, port 61616, the defaults. */
    public static TcpAcceptorConfig defaults() {
        return builder().build();
    }

    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = Protocol.DEFAULT_PORT;
        private int maxFrameSize = Protocol.DEFAULT_MAX_FRAME_SIZE;
        private int heartbeatIntervalMillis = 10_000;
        private int heartbeatTimeoutMillis = 30_000;
        private int handshakeTimeoutMillis = 10_000;
        private Authenticator authenticator;
        private TlsConfig tls;

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder maxFrameSize(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        /** Interval asked of clients; the timeout becomes three intervals unless set after this. */
        public Builder heartbeatIntervalMillis(int millis) {
            this.heartbeatIntervalMillis = millis;
            this.heartbeatTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, 3L * millis);
            return this;
        }

        public Builder heartbeatTimeoutMillis(int millis) {
            this.heartbeatTimeoutMillis = millis;
            return this;
        }

        public Builder handshakeTimeoutMillis(int millis) {
            this.handshakeTimeoutMillis = millis;
            return this;
        }

        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /** TLS on this port (clients connect with {@code ssl://}); null: plain TCP. */
        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        public TcpAcceptorConfig build() {
            return new TcpAcceptorConfig(host, port, maxFrameSize, heartbeatIntervalMillis, heartbeatTimeoutMillis,
                    handshakeTimeoutMillis, authenticator, tls);
        }
    }
}
