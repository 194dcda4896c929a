package dev.tern.broker.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The core promise, tested the hard way: a real broker JVM ({@link BrokerCrashChild}) with producers
 * and consumers in every acknowledgement mode is killed with {@code kill -9} at random moments and
 * restarted on the same data directory, many times; then everything left is drained and the logs
 * the children wrote are checked message by message:
 * <ul>
 *   <li>every message whose send (or commit) returned is delivered;</li>
 *   <li>a message is delivered again only if no acknowledgement of it had returned, and then with
 *       {@code JMSRedelivered=true} and a higher {@code JMSXDeliveryCount} (this covers "never
 *       duplicated" and "delivered but unacknowledged before the crash comes back flagged");</li>
 *   <li>a transacted batch is delivered all or nothing, a rolled back one never;</li>
 *   <li>per producer and queue, messages are first delivered in the order they were sent, unless
 *       flagged as redelivered.</li>
 * </ul>
 * {@code -Dtern.crash.cycles=N} (default 50) and {@code -Dtern.crash.maxRunMillis=M} (default 600)
 * scale it; the {@code soak} profile runs a long version.
 */
class BrokerCrashTest {

    /**
     * A new journal file every second and a checkpoint every 64 KiB, so that kills also land in
     * checkpoints, copies forward and file deletion (the journal's compaction).
     */
    static final String ROLL_CYCLE = "TEST_SECONDLY";
    static final long CHECKPOINT_BYTES = 64 << 10;

    private static final int CYCLES = Integer.getInteger("tern.crash.cycles", 50);
    /** A child lives about a second: C1 only and the serial collector start it ~20% faster. */
    private static final List<String> CHILD_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final int MAX_RUN_MILLIS = Integer.getInteger("tern.crash.maxRunMillis", 600);

    @Test
    void everyReturnedSendIsDeliveredAndNothingAcknowledgedComesBackAcrossKills(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path output = tmp.resolve("child-output.log");
        long seed = Long.getLong("tern.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        int started = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            Process child = ChildJvm.startLoggingTo(output, BrokerCrashChild.class, tmp, CHILD_OPTIONS,
                    data.toString(), logs.toString(), Integer.toString(cycle), Long.toString(random.nextLong()));
            try {
                if (random.nextInt(10) == 0) {
                    Thread.sleep(random.nextInt(1200)); // now and then, kill it while it starts or recovers
                } else {
                    awaitReady(child, logs.resolve("ready-" + cycle), output, seed);
                    started++;
                    Thread.sleep(100 + random.nextInt(MAX_RUN_MILLIS));
                }
            } finally {
                child.destroyForcibly(); // SIGKILL
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
            }
        }
        CrashLedger ledger = new CrashLedger();
        ledger.readAll(logs, CYCLES);
        ledger.drain(data, CYCLES);
        List<String> problems = ledger.check();
        String summary = ledger.summary() + ", " + started + " of " + CYCLES + " cycles ran clients, seed " + seed;
        System.out.println("BrokerCrashTest: " + summary);
        if (!problems.isEmpty()) {
            fail(problems.size() + " violations (" + summary + "):\n"
                    + String.join("\n", problems.subList(0, Math.min(40, problems.size())))
                    + "\n--- child output tail ---\n" + CrashLedger.tail(output));
        }
        assertTrue(ledger.returnedCount() > 100, "too little traffic to mean anything: " + summary);
    }

    private static void awaitReady(Process child, Path marker, Path output, long seed) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                fail("broker child " + (child.isAlive() ? "never got ready" : "died with " + child.exitValue())
                        + " (seed " + seed + "):\n" + CrashLedger.tail(output));
            }
            Thread.sleep(20);
        }
    }

}
