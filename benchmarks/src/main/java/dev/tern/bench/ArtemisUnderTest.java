package dev.tern.bench;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded Apache ActiveMQ Artemis broker with its journal under a scratch directory, an in-VM
 * acceptor, and (when asked) a Netty acceptor on 127.0.0.1. Everything else is Artemis's default.
 */
final class ArtemisUnderTest implements BrokerUnderTest {

    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final ActiveMQServer server;
    private final Path dir;
    private final int serverId;
    private final int port;

    private ArtemisUnderTest(ActiveMQServer server, Path dir, int serverId, int port) {
        this.server = server;
        this.dir = dir;
        this.serverId = serverId;
        this.port = port;
    }

    /** @param sync Artemis's default (true), or journal-sync-(non-)transactional false */
    static ArtemisUnderTest start(Path dir, boolean sync, boolean tcp) throws Exception {
        int serverId = SERVER_IDS.incrementAndGet();
        int port = tcp ? freePort() : -1;
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dir.resolve("lock").toString())
                .setJournalSyncNonTransactional(sync)
                .setJournalSyncTransactional(sync)
                .addAcceptorConfiguration("in-vm", "vm://" + serverId);
        if (tcp) {
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        }
        // newActiveMQServer(config, false) would switch persistence off: the one-argument form keeps the config.
        ActiveMQServer server = ActiveMQServers.newActiveMQServer(config);
        server.start();
        return new ArtemisUnderTest(server, dir, serverId, port);
    }

    /** Which journal Artemis uses here: ASYNCIO needs libaio, otherwise it falls back to NIO. */
    static String journalType() {
        return AIOSequentialFileFactory.isSupported() ? "ASYNCIO (libaio)" : "NIO (libaio not available)";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public ConnectionFactory connectionFactory(Transport transport) {
        if (transport == Transport.IN_VM) {
            return new ActiveMQConnectionFactory("vm://" + serverId);
        }
        return port < 0 ? null : new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
    }

    @Override
    public String unavailable(Transport transport) {
        return transport == Transport.TCP && port < 0 ? "started without TCP" : null;
    }

    @Override
    public long diskBytes() {
        return DiskUsage.bytes(dir);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
