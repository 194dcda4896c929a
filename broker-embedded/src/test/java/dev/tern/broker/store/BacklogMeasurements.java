package dev.tern.broker.store;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded-heap figures of docs/DURABILITY.md (not a test: run by hand, two steps in two JVMs):
 * <pre>
 *   java $CHRONICLE_FLAGS -Xmx512m -cp &lt;test class path&gt; dev.tern.broker.store.BacklogMeasurements fill DIR 10000000 1000000,3000000
 *   java $CHRONICLE_FLAGS -Xmx512m -cp &lt;test class path&gt; dev.tern.broker.store.BacklogMeasurements restart DIR 10000 5000
 * </pre>
 * {@code fill} sends that many 1 KiB persistent messages to queue "backlog" from 4 threads and prints
 * the used heap after a full GC minus that of the empty broker, per pending message, at each listed
 * count and at the end. {@code restart} times the start on that journal, prints the heap per pending
 * message after recovery, then sends more messages and receives some (the broker still accepts and
 * delivers with that backlog in that heap).
 */
public final class BacklogMeasurements {

    private static final int THREADS = 4;

    private BacklogMeasurements() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("fill")) {
            List<Long> checkpoints = new ArrayList<>();
            if (args.length > 3) {
                for (String s : args[3].split(",")) {
                    checkpoints.add(Long.parseLong(s));
                }
            }
            fill(dir, Long.parseLong(args[2]), checkpoints);
        } else {
            restart(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        }
    }

    /** No destination limit: the default (64 MiB, ~4.2 M journalled messages) would park the senders. */
    private static BrokerConfig config(String name, Path dir) {
        return BrokerConfig.builder(name).dataDirectory(dir).maxDestinationBytes(0).build();
    }

    private static void fill(Path dir, long count, List<Long> checkpoints) throws Exception {
        TernBroker broker = TernBroker.start(config("measure-fill", dir));
        long empty = usedHeap();
        System.out.printf("empty broker: used heap %d KiB, max heap %d MiB%n", empty >> 10,
                Runtime.getRuntime().maxMemory() >> 20);
        long sent = 0;
        long t0 = System.nanoTime();
        checkpoints.add(count);
        for (long target : checkpoints) {
            send(broker, target - sent);
            sent = target;
            long used = usedHeap();
            System.out.printf("%,d pending: used heap %d MiB, %.1f bytes per pending message (%.0f s since start)%n",
                    sent, used >> 20, (used - empty) / (double) sent, (System.nanoTime() - t0) / 1e9);
        }
        broker.stop();
    }

    private static void restart(Path dir, int more, int receive) throws Exception {
        long before = usedHeap();
        long t0 = System.nanoTime();
        TernBroker broker = TernBroker.start(config("measure-restart", dir));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long used = usedHeap();
        System.out.printf("start time: %,d ms; used heap after recovery %d MiB (%d MiB more than before the start),"
                + " max heap %d MiB%n", ms, used >> 20, (used - before) >> 20, Runtime.getRuntime().maxMemory() >> 20);
        long t1 = System.nanoTime();
        send(broker, more);
        System.out.printf("sent %,d more in %.1f s%n", more, (System.nanoTime() - t1) / 1e9);
        try (Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("backlog"));
            long t2 = System.nanoTime();
            int received = 0;
            Message last = null;
            while (received < receive) {
                Message m = consumer.receive(30_000);
                if (m == null) {
                    break;
                }
                last = m;
                received++;
                if (received % 1000 == 0) {
                    m.acknowledge();
                }
            }
            if (last != null) {
                last.acknowledge();
            }
            System.out.printf("received and acknowledged %,d in %.1f s (first receive includes dispatch start)%n",
                    received, (System.nanoTime() - t2) / 1e9);
        }
        System.out.printf("used heap at the end %d MiB%n", usedHeap() >> 20);
        broker.stop();
    }

    private static void send(TernBroker broker, long count) throws Exception {
        AtomicLong left = new AtomicLong(count);
        List<Thread> senders = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = broker.connectionFactory().createConnection()) {
                    Session session = connection.createSession();
                    MessageProducer producer = session.createProducer(session.createQueue("backlog"));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    byte[] body = new byte[1024];
                    while (left.getAndDecrement() > 0) {
                        var message = session.createBytesMessage();
                        message.writeBytes(body);
                        producer.send(message);
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            senders.add(thread);
            thread.start();
        }
        for (Thread thread : senders) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
