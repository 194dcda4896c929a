package dev.tern.broker;

import dev.tern.broker.core.BrokerCore;
import dev.tern.broker.net.TcpAcceptor;
import dev.tern.broker.net.TcpAcceptorConfig;
import dev.tern.broker.store.Journal;
import dev.tern.client.TernConnectionFactory;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConnectionListener;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An embedded Tern broker. {@link #start} runs one and registers it under its name in this JVM, so
 * {@code vm://<name>} reaches it; {@link #stop} ends it.
 *
 * <pre>{@code
 * TernBroker broker = TernBroker.start(BrokerConfig.builder("orders").dataDirectory(dir).build());
 * ...
 * broker.stop();
 * }</pre>
 */
public final class TernBroker {

    private static final Logger LOG = LoggerFactory.getLogger(TernBroker.class);

    private final BrokerConfig config;
    private final BrokerCore core;
    private final List<TcpAcceptor> acceptors = new CopyOnWriteArrayList<>();

    private TernBroker(BrokerConfig config, BrokerCore core) {
        this.config = config;
        this.core = core;
    }

    /**
     * Starts a broker: opens (or creates) its journal, recovers what it holds, and registers the
     * broker in this JVM. {@code IllegalStateException} if a broker of that name already runs here,
     * {@code UncheckedIOException} if the journal cannot be opened.
     */
    public static TernBroker start(BrokerConfig config) {
        return BrokerRegistry.start(config);
    }

    /** Starts the broker without registering it: for {@link BrokerRegistry} only. */
    static TernBroker startUnregistered(BrokerConfig config) {
        Journal journal = null;
        if (config.persistent()) {
            try {
                journal = Journal.open(config.dataDirectory(), config.journalOptions());
            } catch (IOException e) {
                throw new UncheckedIOException("TERN-B060 cannot open the journal of broker " + config.name()
                        + " in " + config.dataDirectory().toAbsolutePath(), e);
            }
        }
        BrokerCore core = BrokerCore.start(config.name(), journal, config.dispatchThreads(),
                config.destinationLimits());
        if (config.persistent()) {
            LOG.info("Broker {} started, storing in {} (sync={})", config.name(),
                    config.dataDirectory().toAbsolutePath(), config.syncPolicy());
        } else {
            LOG.info("Broker {} started in memory only (persistent=false)", config.name());
        }
        return new TernBroker(config, core);
    }

    public String name() {
        return config.name();
    }

    /** Where the journal is (meaningful only when {@link BrokerConfig#persistent()}). */
    public Path dataDirectory() {
        return config.dataDirectory();
    }

    public BrokerConfig config() {
        return config;
    }

    public boolean isRunning() {
        return core.isRunning();
    }

    /**
     * A connection factory for this broker ({@code vm://<name>?create=false}): it never starts another
     * broker, and its connections fail once this one is stopped.
     */
    public TernConnectionFactory connectionFactory() {
        return new TernConnectionFactory("vm://" + URLEncoder.encode(config.name(), StandardCharsets.UTF_8)
                + "?create=false");
    }

    /** Checks a connection's credentials against the configured users ({@code JMSSecurityException}). */
    public void authenticate(String user, String password) throws JMSException {
        config.users().authenticate(user, password);
    }

    /** Creates a queue now rather than on first use (pre-declared destinations of a config file). */
    public void declareQueue(String name) {
        core.declareQueue(name);
    }

    /** Creates a topic now rather than on first use. */
    public void declareTopic(String name) {
        core.declareTopic(name);
    }

    /**
     * Opens a connection to this broker: what the {@code vm} transport gives the client.
     *
     * @param listener told (on the thread calling {@link #stop}) if the broker stops under the
     *                 connection; may be null
     */
    public BrokerConnection connect(ConnectionListener listener) throws JMSException {
        return connect(null, null, listener);
    }

    /**
     * Opens a connection for a user: {@link jakarta.jms.JMSSecurityException} unless the broker's
     * {@link BrokerConfig#users() users} accept the credentials (anyone is accepted when it has none).
     */
    public BrokerConnection connect(String user, String password, ConnectionListener listener)
            throws JMSException {
        authenticate(user, password);
        return core.connect(listener);
    }

    /**
     * Starts accepting TCP clients ({@code tcp://host:port}) as the configuration says; the acceptor
     * is closed by {@link #stop} (or earlier by {@link TcpAcceptor#close}). {@code UncheckedIOException}
     * if the address cannot be bound, {@code IllegalStateException} if the broker is stopped.
     */
    public TcpAcceptor startAcceptor(TcpAcceptorConfig acceptorConfig) {
        if (!core.isRunning()) {
            throw new IllegalStateException("Broker " + config.name() + " is stopped");
        }
        TcpAcceptor acceptor = TcpAcceptor.start(this, acceptorConfig);
        acceptors.add(acceptor);
        return acceptor;
    }

    /** The acceptors started with {@link #startAcceptor} and not closed yet. */
    public List<TcpAcceptor> acceptors() {
        return acceptors.stream().filter(a -> !a.isClosed()).toList();
    }

    /**
     * Stops the broker: every connection is closed (its {@code ConnectionListener.onFailure} is called),
     * the threads end, the journal is closed, and the name is free again. Does nothing if stopped.
     */
    public void stop() {
        if (!core.isRunning()) {
            return;
        }
        core.stop(); // TCP clients are told why before their channels close
        for (TcpAcceptor acceptor : acceptors) {
            acceptor.close();
        }
        acceptors.clear();
        BrokerRegistry.remove(this);
        LOG.info("Broker {} stopped", config.name());
    }

    @Override
    public String toString() {
        return "TernBroker[" + config.name() + "]";
    }
}
