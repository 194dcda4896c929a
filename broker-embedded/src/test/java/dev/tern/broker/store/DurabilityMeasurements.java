package dev.tern.broker.store;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of docs/DURABILITY.md (not a test: run by hand, the machine must be quiet):
 * <pre>
 *   java $CHRONICLE_FLAGS -Xmx2g -cp &lt;test class path&gt; dev.tern.broker.store.DurabilityMeasurements [pending] [seconds]
 * </pre>
 * Prints heap bytes per pending 1 KiB persistent message, start time after a stop with that backlog,
 * journal bytes per message sent and consumed, and send throughput with and without fsync
 * (4 sending threads, medians of 3 runs).
 */
public final class DurabilityMeasurements {

    private DurabilityMeasurements() {
    }

    public static void main(String[] args) throws Exception {
        int pending = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path base = Files.createTempDirectory("tern-measure");
        backlog(base.resolve("backlog"), pending);
        diskPerMessage(base.resolve("disk"), 50_000);
        for (SyncPolicy policy : new SyncPolicy[] {SyncPolicy.MEMORY_MAPPED, SyncPolicy.FSYNC}) {
            List<Double> rates = new ArrayList<>();
            for (int run = 0; run < 3; run++) {
                rates.add(sendRate(base.resolve("rate-" + policy + run), policy, 4, seconds));
            }
            rates.sort(Comparator.naturalOrder());
            System.out.printf("send throughput, %s, 4 threads, 1 KiB persistent: median %.0f msg/s (runs %s)%n",
                    policy, rates.get(1), rates);
        }
    }

    private static void backlog(Path dir, int count) throws Exception {
        long before = usedHeap();
        TernBroker broker = TernBroker.start(BrokerConfig.builder("measure-backlog").dataDirectory(dir).build());
        long started = usedHeap();
        send(broker, count);
        long after = usedHeap();
        System.out.printf("heap per pending 1 KiB persistent message: %.1f bytes (%d pending, broker alone %d KiB)%n",
                (after - started) / (double) count, count, (started - before) / 1024);
        broker.stop();
        long t0 = System.nanoTime();
        TernBroker again = TernBroker.start(BrokerConfig.builder("measure-backlog-2").dataDirectory(dir).build());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("start time with %d pending: %d ms (replay of the whole journal, %d MiB)%n", count, ms,
                size(dir) >> 20);
        again.stop();
    }

    private static void diskPerMessage(Path dir, int count) throws Exception {
        TernBroker broker = TernBroker.start(BrokerConfig.builder("measure-disk").dataDirectory(dir).build());
        long before = size(dir);
        try (Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue("disk"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            MessageConsumer consumer = session.createConsumer(session.createQueue("disk"));
            byte[] body = new byte[1024];
            for (int i = 0; i < count; i++) {
                var message = session.createBytesMessage();
                message.writeBytes(body);
                producer.send(message);
                consumer.receive(5_000);
            }
        }
        broker.stop();
        System.out.printf("journal growth, 1 KiB messages sent and consumed: %.0f bytes per message (%d messages,"
                + " nothing is deleted yet)%n", (size(dir) - before) / (double) count, count);
    }

    private static double sendRate(Path dir, SyncPolicy policy, int threads, int seconds) throws Exception {
        TernBroker broker = TernBroker.start(BrokerConfig.builder("measure-rate").dataDirectory(dir)
                .syncPolicy(policy).build());
        AtomicLong sent = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = broker.connectionFactory().createConnection()) {
                    Session session = connection.createSession();
                    MessageProducer producer = session.createProducer(session.createQueue("rate"));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    byte[] body = new byte[1024];
                    while (System.nanoTime() < end) {
                        var message = session.createBytesMessage();
                        message.writeBytes(body);
                        producer.send(message);
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            senders.add(thread);
            thread.start();
        }
        for (Thread thread : senders) {
            thread.join();
        }
        broker.stop();
        return sent.get() / (double) seconds;
    }

    private static void send(TernBroker broker, int count) throws Exception {
        try (Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue("backlog"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            byte[] body = new byte[1024];
            for (int i = 0; i < count; i++) {
                var message = session.createBytesMessage();
                message.writeBytes(body);
                producer.send(message);
            }
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    /** Allocated bytes (cycle files are sparse: their apparent size says little). */
    private static long size(Path dir) throws Exception {
        Process du = new ProcessBuilder("du", "-sk", dir.toString()).start();
        du.waitFor();
        return Long.parseLong(new String(du.getInputStream().readAllBytes()).trim().split("\\s+")[0]) * 1024;
    }
}
