package dev.tern.broker.server;

import dev.tern.broker.TernBroker;
import dev.tern.broker.net.Authenticator;
import dev.tern.broker.net.TcpAcceptor;
import dev.tern.broker.net.TcpAcceptorConfig;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone broker: {@code java -jar tern-broker.jar [--data DIR] [--port N] [--host H]
 * [--config FILE]}. Logs its version, where it listens and where it stores; SIGTERM (or Ctrl-C) stops
 * it cleanly: the acceptor closes, connections end, the journal is closed.
 */
public final class TernServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TernServer.class);

    private final ServerConfig config;
    private final TernBroker broker;
    private final TcpAcceptor acceptor;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private TernServer(ServerConfig config, TernBroker broker, TcpAcceptor acceptor) {
        this.config = config;
        this.broker = broker;
        this.acceptor = acceptor;
    }

    /** Starts the broker and its network listener. */
    public static TernServer start(ServerConfig config) {
        TernBroker broker = TernBroker.start(config.broker());
        try {
            config.queues().forEach(broker::declareQueue);
            config.topics().forEach(broker::declareTopic);
            TcpAcceptor acceptor = broker.startAcceptor(TcpAcceptorConfig.builder()
                    .host(config.host())
                    .port(config.port())
                    .authenticator(usersOf(broker))
                    .tls(config.tls())
                    .build());
            TernServer server = new TernServer(config, broker, acceptor);
            LOG.info("Tern {} broker '{}' listening on {}://{}:{}, storing in {}", version(), broker.name(),
                    acceptor.scheme(), config.host(), acceptor.port(),
                    config.broker().persistent() ? config.broker().dataDirectory().toAbsolutePath() : "memory only");
            if (config.broker().users().acceptsAll()) {
                LOG.warn("TERN-SEC-002 no users configured: every connection is accepted");
            } else {
                LOG.info("{} user(s) configured: connections must authenticate", config.broker().users().size());
            }
            return server;
        } catch (RuntimeException e) {
            broker.stop();
            throw e;
        }
    }

    /** The broker's users as the acceptor checks them: a refusal carries the broker's reason. */
    private static Authenticator usersOf(TernBroker broker) {
        if (broker.config().users().acceptsAll()) {
            return Authenticator.ACCEPT_ALL;
        }
        return (user, password) -> {
            try {
                broker.authenticate(user, password);
                return true;
            } catch (JMSException e) {
                throw new SecurityException(e.getMessage(), e);
            }
        };
    }

    public TernBroker broker() {
        return broker;
    }

    /** The TCP port the server listens on (the real one when the configured port was 0). */
    public int port() {
        return acceptor.port();
    }

    public ServerConfig config() {
        return config;
    }

    /** Stops listening, then stops the broker. Idempotent. */
    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            acceptor.close();
            broker.stop();
        } finally {
            stopped.countDown();
        }
        LOG.info("Tern broker '{}' stopped", broker.name());
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    static String version() {
        String version = TernServer.class.getPackage().getImplementationVersion();
        return version != null ? version : "(development build)";
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config;
        try {
            config = configFrom(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tern-broker: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (config == null) {
            System.out.println(usage());
            return;
        }
        TernServer server;
        try {
            server = start(config);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) { // e.g. a bad key store, a busy port
            LOG.error("TERN-N022 cannot start: {}", e.getMessage());
            System.err.println("tern-broker: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tern-server-shutdown"));
        server.awaitStop();
    }

    /** The configuration the command line asks for; null for {@code --help}. */
    static ServerConfig configFrom(String[] args) throws java.io.IOException {
        Map<String, String> overrides = new LinkedHashMap<>();
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--data" -> overrides.put("dataDir", value(args, ++i, arg));
                case "--port" -> overrides.put("port", value(args, ++i, arg));
                case "--host" -> overrides.put("host", value(args, ++i, arg));
                case "--name" -> overrides.put("name", value(args, ++i, arg));
                case "--config" -> configFile = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return configFile != null ? ServerConfigFile.load(configFile, overrides) : ServerConfigFile.parse(overrides);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    static String usage() {
        return "usage: java -jar tern-broker.jar [--data DIR] [--port N] [--host H] [--name NAME] [--config FILE]";
    }
}
