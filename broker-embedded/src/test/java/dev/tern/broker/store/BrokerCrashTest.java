package dev.tern.broker.store;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            ledger.readCycle(logs, cycle);
        }
        drain(data, ledger, CYCLES);
        List<String> problems = ledger.check();
        String summary = ledger.summary() + ", " + started + " of " + CYCLES + " cycles ran clients, seed " + seed;
        System.out.println("BrokerCrashTest: " + summary);
        if (!problems.isEmpty()) {
            fail(problems.size() + " violations (" + summary + "):\n"
                    + String.join("\n", problems.subList(0, Math.min(40, problems.size())))
                    + "\n--- child output tail ---\n" + tail(output));
        }
        assertTrue(ledger.returnedCount() > 100, "too little traffic to mean anything: " + summary);
    }

    /** Starts a broker in this JVM on the directory and takes everything left, acknowledging it. */
    private static void drain(Path data, CrashLedger ledger, int cycle) throws Exception {
        TernBroker broker = TernBroker.start(BrokerConfig.builder("crash-drain").dataDirectory(data)
                .rollCycle(ROLL_CYCLE).checkpointBytes(CHECKPOINT_BYTES).build());
        try (Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : BrokerCrashChild.QUEUES) {
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                Message message;
                while ((message = consumer.receive(1_000)) != null) {
                    ledger.delivered(cycle, queue, message.getStringProperty("id"), message.getJMSRedelivered(),
                            message.getIntProperty("JMSXDeliveryCount"), true);
                }
                consumer.close();
            }
        } finally {
            broker.stop();
        }
    }

    private static void awaitReady(Process child, Path marker, Path output, long seed) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                fail("broker child " + (child.isAlive() ? "never got ready" : "died with " + child.exitValue())
                        + " (seed " + seed + "):\n" + tail(output));
            }
            Thread.sleep(20);
        }
    }

    private static String tail(Path output) throws IOException {
        if (!Files.exists(output)) {
            return "";
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return text.length() <= 6_000 ? text : text.substring(text.length() - 6_000);
    }

    /** What the logs say happened to each message, and the checks over it. */
    static final class CrashLedger {

        private static final class Sent {
            final String id;
            final String producer;
            final long seq;
            String batch;
            boolean returned;
            final List<Seen> deliveries = new ArrayList<>();

            Sent(String id) {
                this.id = id;
                int dash = id.lastIndexOf('-');
                this.producer = id.substring(0, dash);
                this.seq = Long.parseLong(id.substring(dash + 1));
            }
        }

        private static final class Seen {
            final int cycle;
            final String queue;
            final boolean redelivered;
            final int count;
            boolean acknowledged;

            Seen(int cycle, String queue, boolean redelivered, int count) {
                this.cycle = cycle;
                this.queue = queue;
                this.redelivered = redelivered;
                this.count = count;
            }
        }

        private static final class Batch {
            final List<String> ids = new ArrayList<>();
            boolean committing;
            boolean committed;
            boolean rolledBack;
        }

        private final Map<String, Sent> sent = new HashMap<>();
        private final Map<String, Batch> batches = new LinkedHashMap<>();
        /** Per queue and producer, the highest producer sequence number delivered so far. */
        private final Map<String, Long> highestFirstDelivered = new HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private long deliveries;
        private long redeliveries;
        private long returned;

        void readCycle(Path logs, int cycle) throws IOException {
            String prefix = "c" + cycle;
            for (String role : new String[] {"p0", "p1", "t"}) {
                for (String[] f : lines(BrokerCrashChild.logFile(logs, prefix, role))) {
                    producerLine(f);
                }
            }
            for (String queue : BrokerCrashChild.QUEUES) {
                List<Seen> open = new ArrayList<>();
                Seen previous = null;
                for (String[] f : lines(BrokerCrashChild.logFile(logs, prefix, queue))) {
                    switch (f[0]) {
                        case "D" -> {
                            Seen seen = delivered(cycle, f[1], f[2], Boolean.parseBoolean(f[3]), Integer.parseInt(f[4]),
                                    false);
                            if (queue.equals(BrokerCrashChild.AUTO) && previous != null) {
                                previous.acknowledged = true; // the listener's session acknowledges before the next
                            }
                            previous = seen;
                            open.add(seen);
                        }
                        case "A" -> {
                            if (Integer.parseInt(f[1]) != open.size()) {
                                problems.add(prefix + " " + queue + ": acknowledged " + f[1] + " but received "
                                        + open.size());
                            }
                            open.forEach(s -> s.acknowledged = true);
                            open.clear();
                        }
                        case "V" -> open.clear();
                        case "E" -> problems.add(prefix + " " + queue + ": " + String.join(" ", f));
                        default -> problems.add(prefix + " " + queue + ": unknown line " + String.join(" ", f));
                    }
                }
            }
        }

        private void producerLine(String[] f) {
            switch (f[0]) {
                case "S" -> {
                    Sent s = sent.computeIfAbsent(f[1], Sent::new);
                    if (f.length > 2) {
                        s.batch = f[2];
                        batches.computeIfAbsent(f[2], b -> new Batch()).ids.add(f[1]);
                    }
                }
                case "R" -> sent.get(f[1]).returned = true;
                case "B" -> {
                    Batch batch = batches.get(f[1]);
                    batch.committing = true;
                    if (Integer.parseInt(f[2]) != batch.ids.size()) {
                        problems.add("batch " + f[1] + ": logged " + batch.ids.size() + " sends of " + f[2]);
                    }
                }
                case "C" -> {
                    Batch batch = batches.get(f[1]);
                    batch.committed = true;
                    batch.ids.forEach(id -> sent.get(id).returned = true);
                }
                case "X" -> batches.get(f[1]).rolledBack = true;
                case "E" -> problems.add("producer: " + String.join(" ", f));
                default -> problems.add("producer: unknown line " + String.join(" ", f));
            }
        }

        Seen delivered(int cycle, String queue, String id, boolean redelivered, int count, boolean acknowledged) {
            deliveries++;
            Sent s = sent.get(id);
            if (s == null) {
                problems.add(id + " delivered on " + queue + " in cycle " + cycle + " but never sent");
                s = sent.computeIfAbsent(id, Sent::new);
            }
            Seen seen = new Seen(cycle, queue, redelivered, count);
            if (s.deliveries.isEmpty()) {
                // Order per producer: a message first seen after a later one of its producer must at
                // least be flagged (a session's recover can give back prefetched messages the
                // application never saw, flagged, while later ones were already on their way).
                String key = queue + " " + s.producer;
                Long highest = highestFirstDelivered.get(key);
                if (highest != null && s.seq < highest && !redelivered) {
                    problems.add(key + ": " + id + " first delivered, unflagged, in cycle " + cycle + " after "
                            + s.producer + "-" + highest);
                }
                highestFirstDelivered.merge(key, s.seq, Math::max);
            } else {
                redeliveries++;
                Seen last = s.deliveries.get(s.deliveries.size() - 1);
                if (last.acknowledged) {
                    problems.add(id + " delivered again in cycle " + cycle + " after its acknowledgement returned"
                            + " in cycle " + last.cycle);
                }
                if (!redelivered || count <= last.count) {
                    problems.add(id + " delivered again in cycle " + cycle + " with redelivered=" + redelivered
                            + " count=" + count + " after count " + last.count + " in cycle " + last.cycle);
                }
            }
            if (count < 1) {
                problems.add(id + " delivered with count " + count);
            }
            seen.acknowledged = acknowledged;
            s.deliveries.add(seen);
            return seen;
        }

        List<String> check() {
            for (Sent s : sent.values()) {
                if (s.returned) {
                    returned++;
                    if (s.deliveries.isEmpty()) {
                        problems.add(s.id + (s.batch != null ? " (batch " + s.batch + ")" : "")
                                + ": its send returned but it was never delivered");
                    }
                }
            }
            for (Map.Entry<String, Batch> e : batches.entrySet()) {
                Batch batch = e.getValue();
                long delivered = batch.ids.stream().filter(id -> !sent.get(id).deliveries.isEmpty()).count();
                if ((batch.rolledBack || !batch.committing) && delivered > 0) {
                    problems.add("batch " + e.getKey() + (batch.rolledBack ? " rolled back" : " never committed")
                            + " but " + delivered + " of its messages were delivered");
                } else if (delivered != 0 && delivered != batch.ids.size()) {
                    problems.add("batch " + e.getKey() + ": " + delivered + " of " + batch.ids.size() + " delivered");
                }
            }
            return problems;
        }

        long returnedCount() {
            return returned;
        }

        String summary() {
            return sent.size() + " sends attempted, " + returned + " returned, " + batches.size() + " batches, "
                    + deliveries + " deliveries of which " + redeliveries + " redeliveries";
        }

        /** The complete lines of a log, split on spaces; a last line cut by the kill is ignored. */
        private static List<String[]> lines(Path file) throws IOException {
            if (!Files.exists(file)) {
                return List.of();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            List<String[]> result = new ArrayList<>();
            if (end < 0) {
                return result;
            }
            for (String line : text.substring(0, end).split("\n")) {
                if (!line.isEmpty()) {
                    result.add(line.split(" "));
                }
            }
            return result;
        }
    }
}
