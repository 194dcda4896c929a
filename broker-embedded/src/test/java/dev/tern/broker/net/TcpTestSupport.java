package dev.tern.broker.net;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import dev.tern.client.TernConnectionFactory;
import dev.tern.test.TernTestBase;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A non-persistent broker with a TCP acceptor on an ephemeral loopback port, stopped after each test. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class TcpTestSupport extends TernTestBase {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final List<Connection> connections = Collections.synchronizedList(new ArrayList<>());
    private final List<TernBroker> brokers = Collections.synchronizedList(new ArrayList<>());
    protected TernBroker broker;
    protected TcpAcceptor acceptor;

    protected TcpAcceptor startBroker(TcpAcceptorConfig.Builder acceptorConfig) {
        broker = TernBroker.start(BrokerConfig.builder(getClass().getSimpleName().toLowerCase() + "-"
                + SEQUENCE.incrementAndGet()).persistent(false).build());
        brokers.add(broker);
        acceptor = broker.startAcceptor(acceptorConfig.host("127.0.0.1").port(0).build());
        return acceptor;
    }

    protected TcpAcceptor startBroker() {
        return startBroker(TcpAcceptorConfig.builder());
    }

    protected String url(String... options) {
        StringBuilder url = new StringBuilder(acceptor.localUrl());
        for (int i = 0; i < options.length; i++) {
            url.append(i == 0 ? '?' : '&').append(options[i]);
        }
        return url.toString();
    }

    protected Connection connect(String... options) throws JMSException {
        Connection connection = new TernConnectionFactory(url(options)).createConnection();
        connections.add(connection);
        return connection;
    }

    protected Connection started(String... options) throws JMSException {
        Connection connection = connect(options);
        connection.start();
        return connection;
    }

    protected <C extends Connection> C track(C connection) {
        connections.add(connection);
        return connection;
    }

    @AfterEach
    void closeAll() {
        synchronized (connections) {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (JMSException | RuntimeException ignored) {
                    // broken on purpose by some tests
                }
            }
            connections.clear();
        }
        synchronized (brokers) {
            brokers.forEach(TernBroker::stop);
            brokers.clear();
        }
    }
}
