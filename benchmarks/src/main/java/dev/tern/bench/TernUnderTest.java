package dev.tern.bench;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import dev.tern.broker.store.SyncPolicy;
import jakarta.jms.ConnectionFactory;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** An embedded Tern broker, reached in-VM through {@code vm://}. */
final class TernUnderTest implements BrokerUnderTest {

    /**
     * Why there is no Tern TCP column yet. When the network transport (branch {@code net}) is on
     * main, start its acceptor on 127.0.0.1 here and return {@code tcp://127.0.0.1:<port>}.
     */
    static final String NO_TCP = "Tern's TCP transport (network issue) is not on main yet";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TernBroker broker;
    private final Path dir;

    private TernUnderTest(TernBroker broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
    }

    static TernUnderTest start(Path dir, boolean fsync, boolean tcp) {
        BrokerConfig config = BrokerConfig.builder("bench-" + COUNTER.incrementAndGet())
                .dataDirectory(dir)
                .syncPolicy(fsync ? SyncPolicy.FSYNC : SyncPolicy.MEMORY_MAPPED)
                .build();
        return new TernUnderTest(TernBroker.start(config), dir);
    }

    @Override
    public ConnectionFactory connectionFactory(Transport transport) {
        return transport == Transport.IN_VM ? broker.connectionFactory() : null;
    }

    @Override
    public String unavailable(Transport transport) {
        return transport == Transport.IN_VM ? null : NO_TCP;
    }

    @Override
    public long diskBytes() {
        return DiskUsage.bytes(dir);
    }

    @Override
    public void close() {
        broker.stop();
    }
}
