package dev.tern.bench;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import dev.tern.broker.net.TcpAcceptor;
import dev.tern.broker.net.TcpAcceptorConfig;
import dev.tern.broker.store.SyncPolicy;
import dev.tern.client.TernConnectionFactory;
import jakarta.jms.ConnectionFactory;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** An embedded Tern broker, reached in-VM through {@code vm://} and, when asked, over TCP on 127.0.0.1. */
final class TernUnderTest implements BrokerUnderTest {

    /** Why a Tern cell has no TCP figure: the broker was started without its acceptor. */
    static final String NO_TCP = "started without a TCP acceptor (--tcp not given)";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TernBroker broker;
    private final TcpAcceptor acceptor;
    private final Path dir;

    private TernUnderTest(TernBroker broker, TcpAcceptor acceptor, Path dir) {
        this.broker = broker;
        this.acceptor = acceptor;
        this.dir = dir;
    }

    static TernUnderTest start(Path dir, boolean fsync, boolean tcp) {
        BrokerConfig config = BrokerConfig.builder("bench-" + COUNTER.incrementAndGet())
                .dataDirectory(dir)
                .syncPolicy(fsync ? SyncPolicy.FSYNC : SyncPolicy.MEMORY_MAPPED)
                .build();
        TernBroker broker = TernBroker.start(config);
        TcpAcceptor acceptor = tcp
                ? TcpAcceptor.start(broker, TcpAcceptorConfig.builder().host("127.0.0.1").port(0).build())
                : null;
        return new TernUnderTest(broker, acceptor, dir);
    }

    @Override
    public ConnectionFactory connectionFactory(Transport transport) {
        if (transport == Transport.IN_VM) {
            return broker.connectionFactory();
        }
        return acceptor == null ? null : new TernConnectionFactory(acceptor.localUrl());
    }

    @Override
    public String unavailable(Transport transport) {
        return transport == Transport.TCP && acceptor == null ? NO_TCP : null;
    }

    @Override
    public long diskBytes() {
        return DiskUsage.bytes(dir);
    }

    @Override
    public void close() {
        if (acceptor != null) {
            acceptor.close();
        }
        broker.stop();
    }
}
