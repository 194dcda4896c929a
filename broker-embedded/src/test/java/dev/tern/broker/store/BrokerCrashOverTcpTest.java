package dev.tern.broker.store;

import dev.tern.broker.server.TernServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link BrokerCrashTest} against the standalone broker over TCP: the broker is its own JVM
 * ({@link TernServer} on a fixed port and the same data directory every time), killed with
 * {@code kill -9} at random moments and restarted; the clients ({@link CrashTcpClients}, in this JVM)
 * lose their connections, reconnect once it is back and go on. The same {@link CrashLedger} checks
 * the logs. {@code -Dtern.crash.cycles}, {@code -Dtern.crash.maxRunMillis} and
 * {@code -Dtern.crash.seed} scale and seed it as they do the in-VM test.
 *
 * <p>Part of the default build (about 2-2.5 min for 50 cycles on the 2-core development machine);
 * the {@code soak} profile runs 500 longer cycles.
 */
class BrokerCrashOverTcpTest {

    private static final int CYCLES = Integer.getInteger("tern.crash.cycles", 50);
    private static final int MAX_RUN_MILLIS = Integer.getInteger("tern.crash.maxRunMillis", 600);
    private static final List<String> BROKER_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @Test
    void everyReturnedSendIsDeliveredAndNothingAcknowledgedComesBackAcrossKillsOfTheStandaloneBroker(
            @TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path output = tmp.resolve("broker-output.log");
        long seed = Long.getLong("tern.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        int port = freePort();
        CrashTcpClients clients = new CrashTcpClients("tcp://127.0.0.1:" + port + "?connectTimeout=15000", logs,
                random.nextLong());
        clients.start();
        int started = 0;
        try {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                Process broker = ChildJvm.startLoggingTo(output, TernServer.class, tmp, BROKER_OPTIONS,
                        "--data", data.toString(), "--port", Integer.toString(port), "--host", "127.0.0.1",
                        "--name", "crash");
                try {
                    if (random.nextInt(10) == 0) {
                        Thread.sleep(random.nextInt(1200)); // now and then, kill it while it starts or recovers
                    } else {
                        awaitListening(broker, port, output, seed);
                        clients.awaitAllConnected(20_000);
                        started++;
                        Thread.sleep(100 + random.nextInt(MAX_RUN_MILLIS));
                    }
                } finally {
                    clients.brokerKilled();
                    broker.destroyForcibly(); // SIGKILL
                    assertTrue(broker.waitFor(30, TimeUnit.SECONDS), "broker did not die");
                }
            }
        } finally {
            clients.stop();
        }
        CrashLedger ledger = new CrashLedger();
        ledger.readAll(logs, clients.cycles());
        ledger.drain(data, clients.cycles());
        List<String> problems = ledger.check();
        String summary = ledger.summary() + ", " + started + " of " + CYCLES + " broker runs served, "
                + clients.connectionSummary() + ", seed " + seed;
        System.out.println("BrokerCrashOverTcpTest: " + summary);
        if (!problems.isEmpty()) {
            fail(problems.size() + " violations (" + summary + "):\n"
                    + String.join("\n", problems.subList(0, Math.min(40, problems.size())))
                    + "\n--- broker output tail ---\n" + CrashLedger.tail(output));
        }
        assertTrue(ledger.returnedCount() > 100, "too little traffic to mean anything: " + summary);
        assertTrue(clients.connections() > CYCLES, "the clients did not reconnect across restarts: " + summary);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Waits until the broker accepts TCP connections on the port. */
    private static void awaitListening(Process broker, int port, Path output, long seed) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!broker.isAlive() || System.nanoTime() > deadline) {
                    fail("broker " + (broker.isAlive() ? "never listened" : "died with " + broker.exitValue())
                            + " (seed " + seed + "):\n" + CrashLedger.tail(output));
                }
                Thread.sleep(20);
            }
        }
    }
}
