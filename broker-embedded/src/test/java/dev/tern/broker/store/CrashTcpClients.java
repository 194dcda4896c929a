package dev.tern.broker.store;

import dev.tern.broker.store.CrashWorkload.EventLog;
import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The clients of {@link BrokerCrashOverTcpTest}: one thread per {@link CrashWorkload} role, each with
 * its own connection over TCP. Tern does not reconnect by itself, so each thread does what an
 * application would: when its connection is lost it closes it and creates a new one, in a loop,
 * until the broker is back. Each connection of a role is a new "cycle" of that role's logs
 * ({@code c<n>-<role>.log}, n counted per role).
 *
 * <p>An exception is expected only if the broker was killed since the connection was made: the test
 * bumps {@link #brokerKilled} before each kill. Any other exception is logged as a problem (E).
 */
final class CrashTcpClients {

    private final TernConnectionFactory factory;
    private final Path logs;
    private final long seed;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, AtomicInteger> cycles = new ConcurrentHashMap<>();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile String lastRefusal = "none";
    /** Per role, the kill count when its current connection was made. */
    private final Map<String, Integer> connectedSince = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /** The body of one role on one connection; returns or throws when the connection is lost. */
    @FunctionalInterface
    private interface Role {
        void run(Connection connection, String prefix, EventLog log, Random random, BooleanSupplier live)
                throws JMSException;
    }

    CrashTcpClients(String url, Path logs, long seed) {
        this.factory = new TernConnectionFactory(url);
        this.logs = logs;
        this.seed = seed;
    }

    void start() {
        role(CrashWorkload.AUTO, (c, prefix, log, random, live) -> listen(c, Session.AUTO_ACKNOWLEDGE,
                CrashWorkload.AUTO, log, live));
        role(CrashWorkload.DUPS, (c, prefix, log, random, live) -> listen(c, Session.DUPS_OK_ACKNOWLEDGE,
                CrashWorkload.DUPS, log, live));
        role(CrashWorkload.CLIENT, (c, prefix, log, random, live) -> {
            c.start();
            CrashWorkload.receive(c.createSession(false, Session.CLIENT_ACKNOWLEDGE), CrashWorkload.CLIENT, log,
                    random, live);
        });
        role(CrashWorkload.TX, (c, prefix, log, random, live) -> {
            c.start();
            CrashWorkload.receive(c.createSession(true, Session.SESSION_TRANSACTED), CrashWorkload.TX, log, random,
                    live);
        });
        for (String p : new String[] {"p0", "p1"}) {
            role(p, (c, prefix, log, random, live) -> CrashWorkload.plainProducer(
                    c.createSession(false, Session.AUTO_ACKNOWLEDGE), prefix + "-" + p, log, random, live));
        }
        role("t", (c, prefix, log, random, live) -> CrashWorkload.transactedProducer(
                c.createSession(true, Session.SESSION_TRANSACTED), prefix + "-t", log, random, live));
        threads.forEach(Thread::start);
    }

    /** Called just before the broker is killed: failures from now on are expected. */
    void brokerKilled() {
        kills.incrementAndGet();
    }

    /**
     * Waits until every role has connected to the broker started since the last kill (a cold broker
     * JVM on a busy machine may take seconds to answer its first handshakes), at most the timeout.
     */
    boolean awaitAllConnected(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            int now = kills.get();
            if (connectedSince.size() == threads.size()
                    && connectedSince.values().stream().allMatch(k -> k == now)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Stops every thread (their connections are closed or already lost). */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(60_000);
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop");
            }
        }
    }

    /** One more than the highest cycle number any role logged. */
    int cycles() {
        return cycles.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    /** How many connections the clients made in all. */
    int connections() {
        return connections.get();
    }

    /** For the test's summary: connections made and connection attempts refused. */
    String connectionSummary() {
        return connections.get() + " client connections (" + refused.get() + " attempts refused, the last: "
                + lastRefusal + ")";
    }

    private void role(String name, Role role) {
        AtomicInteger cycle = cycles.computeIfAbsent(name, n -> new AtomicInteger());
        Random random = new Random(seed + name.hashCode());
        threads.add(new Thread(() -> {
            while (running) {
                int killsAtStart = kills.get();
                Connection connection;
                try {
                    connection = factory.createConnection();
                } catch (JMSException e) { // the broker is down or starting
                    refused.incrementAndGet();
                    lastRefusal = e.getMessage();
                    sleep(50);
                    continue;
                }
                connections.incrementAndGet();
                connectedSince.put(name, killsAtStart);
                AtomicBoolean lost = new AtomicBoolean();
                String prefix = "c" + cycle.getAndIncrement();
                try (EventLog log = new EventLog(CrashWorkload.logFile(logs, prefix, name))) {
                    try {
                        connection.setExceptionListener(e -> lost.set(true));
                        role.run(connection, prefix, log, random, () -> running && !lost.get());
                    } catch (JMSException | RuntimeException e) {
                        if (kills.get() == killsAtStart) {
                            log.line("E " + e);
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    try {
                        connection.close();
                    } catch (JMSException | RuntimeException ignored) {
                        // lost already
                    }
                }
            }
        }, "crash-client-" + name));
    }

    /**
     * A listener on its own session until the connection is lost. For AUTO_ACKNOWLEDGE a D line says
     * the previous message's acknowledgement returned; over TCP that acknowledgement can fail with the
     * link while the next buffered message is handed over, so before each D line the listener checks
     * the link with a fire-and-forget send (which fails at once once the link has failed).
     */
    private void listen(Connection connection, int mode, String queue, EventLog log, BooleanSupplier live)
            throws JMSException {
        Session session = connection.createSession(false, mode);
        MessageProducer probe = session.createProducer(session.createTopic("crash.probe"));
        probe.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        CrashWorkload.listen(session, queue, log, () -> probe.send(session.createMessage()));
        connection.start();
        int killsAtStart = kills.get();
        long killSeenAt = 0;
        while (live.getAsBoolean()) {
            sleep(20);
            if (kills.get() != killsAtStart) { // the listener saw no failure yet: give it time, then move on
                killSeenAt = killSeenAt == 0 ? System.nanoTime() : killSeenAt;
                if (System.nanoTime() - killSeenAt > 3_000_000_000L) {
                    return;
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
