package dev.tern.broker.store;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The compaction figures of docs/DURABILITY.md (not a test: run by hand):
 * <pre>
 *   java $CHRONICLE_FLAGS -Xmx6g -cp &lt;test class path&gt; dev.tern.broker.store.CompactionMeasurements \
 *       recovery &lt;pending&gt; &lt;history&gt;      # start time: history sent+consumed, then pending left
 *   java ... CompactionMeasurements disk &lt;seconds&gt; &lt;msg/s&gt; [rollCycle]   # directory size over time
 * </pre>
 * {@code recovery} measures the start after a stop with and without checkpoints (a stop writes no
 * checkpoint of its own, so the replay is the one after a crash at that point).
 */
public final class CompactionMeasurements {

    private CompactionMeasurements() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("tern-compaction");
        if (args[0].equals("recovery")) {
            int pending = Integer.parseInt(args[1]);
            int history = args.length > 2 ? Integer.parseInt(args[2]) : 0;
            recovery(base.resolve("with"), pending, history, JournalOptions.DEFAULT_CHECKPOINT_BYTES);
            if (args.length <= 3 || !args[3].equals("skipFull")) {
                recovery(base.resolve("without"), pending, history, Long.MAX_VALUE);
            }
        } else {
            disk(base.resolve("disk"), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    args.length > 3 ? args[3] : "TEST_SECONDLY");
        }
    }

    private static BrokerConfig config(String name, Path dir, long checkpointBytes, String rollCycle) {
        return BrokerConfig.builder(name).dataDirectory(dir).checkpointBytes(checkpointBytes).rollCycle(rollCycle)
                .build();
    }

    private static void recovery(Path dir, int pending, int history, long checkpointBytes) throws Exception {
        TernBroker broker = TernBroker.start(config("measure-recovery", dir, checkpointBytes,
                JournalOptions.DEFAULT_ROLL_CYCLE));
        try (Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageProducer flow = session.createProducer(session.createQueue("flow"));
            flow.setDeliveryMode(DeliveryMode.PERSISTENT);
            MessageConsumer consumer = session.createConsumer(session.createQueue("flow"));
            byte[] body = new byte[1024];
            for (int i = 0; i < history; i++) {
                var message = session.createBytesMessage();
                message.writeBytes(body);
                flow.send(message);
                consumer.receive();
            }
        }
        sendPending(broker, pending, 4);
        Thread.sleep(3000); // let compaction catch up, as it would on a running broker
        broker.stop();
        long size = size(dir);
        long t0 = System.nanoTime();
        TernBroker again = TernBroker.start(config("measure-recovery-2", dir, checkpointBytes,
                JournalOptions.DEFAULT_ROLL_CYCLE));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("start with %,d pending after %,d sent+consumed, checkpoints %s: %,d ms (journal %,d MiB,"
                        + " checkpoint file %,d KiB)%n", pending, history,
                checkpointBytes == Long.MAX_VALUE ? "off" : "every " + (checkpointBytes >> 20) + " MiB", ms,
                size >> 20, Files.exists(dir.resolve(Checkpoint.FILE)) ? Files.size(dir.resolve(Checkpoint.FILE)) >> 10 : 0);
        again.stop();
    }

    /** {@code count} 1 KiB persistent messages to queue "backlog" from {@code threads} connections. */
    private static void sendPending(TernBroker broker, int count, int threads) throws Exception {
        List<Thread> senders = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            int share = count / threads + (t < count % threads ? 1 : 0);
            Thread sender = new Thread(() -> {
                try (Connection connection = broker.connectionFactory().createConnection()) {
                    Session session = connection.createSession();
                    MessageProducer producer = session.createProducer(session.createQueue("backlog"));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    byte[] body = new byte[1024];
                    for (int i = 0; i < share; i++) {
                        var message = session.createBytesMessage();
                        message.writeBytes(body);
                        producer.send(message);
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void disk(Path dir, int seconds, int rate, String rollCycle) throws Exception {
        TernBroker broker = TernBroker.start(config("measure-disk", dir, JournalOptions.DEFAULT_CHECKPOINT_BYTES,
                rollCycle));
        try (Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("steady"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            MessageConsumer consumer = session.createConsumer(session.createQueue("steady"));
            byte[] body = new byte[1024];
            long start = System.nanoTime();
            long sent = 0;
            long nextReport = 0;
            long max = 0;
            while (true) {
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                if (elapsedMs >= seconds * 1000L) {
                    break;
                }
                long due = elapsedMs * rate / 1000;
                for (; sent < due; sent++) {
                    var message = session.createBytesMessage();
                    message.writeBytes(body);
                    producer.send(message);
                    consumer.receive();
                }
                if (elapsedMs >= nextReport) {
                    long size = size(dir);
                    max = Math.max(max, size);
                    System.out.printf("t=%4d s sent %,12d (%,8d MiB of messages) directory %,6d MiB%n",
                            elapsedMs / 1000, sent, sent * 1024 >> 20, size >> 20);
                    nextReport += Math.max(1000, seconds * 1000L / 20);
                }
                Thread.sleep(1);
            }
            System.out.printf("steady %d msg/s of 1 KiB for %d s on %s: %,d MiB sent, directory at most %,d MiB%n",
                    rate, seconds, rollCycle, sent * 1024 >> 20, max >> 20);
        } finally {
            broker.stop();
        }
    }

    private static long size(Path dir) throws Exception {
        return JournalSoakTest.allocated(dir);
    }
}
