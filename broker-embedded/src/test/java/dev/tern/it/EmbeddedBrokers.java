package dev.tern.it;

import dev.tern.broker.BrokerRegistry;
import dev.tern.broker.BrokerSetting;
import dev.tern.broker.TernBroker;
import dev.tern.broker.net.TcpAcceptorConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place the tests touch the broker's embedding API: stopping a broker by its vm:// name, and,
 * when the integration tests run over TCP ({@code -Dtern.it.transport=tcp}), starting each test's
 * broker with an acceptor on a loopback port that stays the same across a restart.
 */
final class EmbeddedBrokers {

    /** The transport the integration tests use: {@code vm} (default) or {@code tcp}. */
    static final String TRANSPORT = System.getProperty("tern.it.transport", "vm");

    private record TcpBroker(Map<String, String> options, int port) {
    }

    private static final Map<String, TcpBroker> TCP = new ConcurrentHashMap<>();

    private EmbeddedBrokers() {
    }

    static boolean overTcp() {
        return "tcp".equalsIgnoreCase(TRANSPORT);
    }

    /** Stops the embedded broker called {@code name} if it runs; its connections are closed. */
    static void stop(String name) {
        BrokerRegistry.get(name).ifPresent(TernBroker::stop);
    }

    /** Stops the broker and forgets its TCP port (end of a test). */
    static void discard(String name) {
        stop(name);
        TCP.remove(name);
    }

    /** Stops the broker; over TCP it is started again at once on the same port, as a restarted server would be. */
    static void restart(String name) {
        stop(name);
        TcpBroker tcp = TCP.get(name);
        if (tcp != null) {
            start(name, tcp.options(), tcp.port());
        }
    }

    /**
     * A {@code tcp://} URL for the broker {@code name}, started (with its acceptor) if it does not run;
     * broker options go to the broker, the others stay in the URL for the client.
     */
    static String tcpUrl(String name, Map<String, String> options) {
        Map<String, String> broker = new LinkedHashMap<>();
        StringBuilder client = new StringBuilder();
        options.forEach((key, value) -> {
            if (BrokerSetting.forKey(key) != null) {
                broker.put(key, value);
            } else {
                client.append(client.length() == 0 ? '?' : '&').append(key).append('=').append(value);
            }
        });
        TcpBroker tcp = TCP.computeIfAbsent(name, n -> new TcpBroker(broker, start(n, broker, 0)));
        if (BrokerRegistry.get(name).isEmpty()) {
            start(name, tcp.options(), tcp.port());
        }
        return "tcp://127.0.0.1:" + tcp.port() + client;
    }

    private static int start(String name, Map<String, String> options, int port) {
        TernBroker broker = BrokerRegistry.getOrStart(name, options);
        if (!broker.acceptors().isEmpty()) {
            return broker.acceptors().get(0).port();
        }
        return broker.startAcceptor(TcpAcceptorConfig.builder().host("127.0.0.1").port(port).build()).port();
    }
}
