package dev.tern.it.process;

import dev.tern.client.TernConnectionFactory;
import dev.tern.test.TernTestBase;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test: the standalone broker in a JVM of 32 MiB heap, a producer that sends as fast as it
 * can and a consumer that takes its time (it pauses after each message), for five times the broker's
 * heap in total. Without a limit the backlog would grow to nearly all of it and the broker would die;
 * with {@code maxDestinationBytes=2m} and BLOCK the producer is held to the consumer's pace, every
 * message arrives in order, and the broker's heap after a collection stays near where it started.
 */
@DisabledIfSystemProperty(named = "tern.it.transport", matches = "tcp", disabledReason = "always over TCP already")
class BoundedBrokerHeapTest extends TernTestBase {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp://[^:]+:(\\d+)");
    private static final Pattern HEAP = Pattern.compile("^heap-after-gc (\\d+)$");
    private static final int HEAP_MIB = 32;
    private static final int MESSAGE_BYTES = 256 * 1024;
    /** Four heaps' worth of non-persistent messages (with the persistent ones, five heaps in all). */
    private static final int NON_PERSISTENT_COUNT = 4 * HEAP_MIB * 4;
    /**
     * Persistent ones: their bodies go to the journal, their index entries (48 bytes each) are limited
     * to 16 by the queue's own limit, so this phase blocks too.
     */
    private static final int PERSISTENT_COUNT = HEAP_MIB * 4;
    /** Allowed growth of the heap after GC over its idle level: the 2 MiB limit, the windows, buffers, slack. */
    private static final long GROWTH_BOUND = 16L << 20;

    @TempDir
    Path dataDir;

    private JavaProcess broker;
    private String url;

    @BeforeEach
    void startBroker() throws Exception {
        Path config = dataDir.resolve("broker.properties");
        Files.writeString(config, String.join("\n",
                "maxDestinationBytes=2m",
                // 16 journalled entries of 48 bytes: a dispatch pass reads the bodies of what the consumer's
                // credit allows back from the journal at once, so few entries keep that transient heap small
                "destinationLimits=persistent-backlog:768",
                "dataDir=" + dataDir.resolve("data").toString().replace("\\", "/"),
                ""));
        broker = JavaProcess.start("small-broker", "-Xmx" + HEAP_MIB + "m -XX:+ExitOnOutOfMemoryError",
                HeapReportingBroker.class,
                "--port", "0", "--host", "127.0.0.1", "--config", config.toString());
        Matcher matcher = LISTENING.matcher(broker.awaitLine(l -> LISTENING.matcher(l).find(), 30_000));
        assertTrue(matcher.find());
        url = "tcp://127.0.0.1:" + matcher.group(1);
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.terminate();
        broker.awaitExit(30_000);
        broker.close();
    }

    @Test
    void aFastProducerCannotPushASmallBrokerOutOfMemory() throws Exception {
        long idle = awaitHeapReports(2);
        try {
            run("backlog", DeliveryMode.NON_PERSISTENT, NON_PERSISTENT_COUNT);
            run("persistent-backlog", DeliveryMode.PERSISTENT, PERSISTENT_COUNT);
        } catch (Exception | AssertionError e) {
            List<String> lines = broker.lines();
            throw new AssertionError("failed; the broker's last output:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())), e);
        }
        int reports = heapReports().size();
        awaitHeapReports(reports + 1); // alive and reporting after the load
        long peak = heapReports().stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("broker heap after GC: idle %d KiB, peak %d KiB (limit 2 MiB per destination, heap %d MiB,"
                + " %d MiB sent)%n", idle >> 10, peak >> 10, HEAP_MIB,
                (long) (NON_PERSISTENT_COUNT + PERSISTENT_COUNT) * MESSAGE_BYTES >> 20);
        assertTrue(peak - idle < GROWTH_BOUND, "the broker's heap after GC grew by " + ((peak - idle) >> 10)
                + " KiB, more than the destination limit and the windows explain");
    }

    /** Sends {@code count} messages as fast as possible while a slow consumer takes them; checks all arrived in order. */
    private void run(String queueName, int deliveryMode, int count) throws Exception {
        long started = System.nanoTime();
        // (a generous connect timeout: the machine may be busy)
        TernConnectionFactory factory = new TernConnectionFactory(url + "?connectTimeout=60000");
        try (Connection producing = factory.createConnection(); Connection consuming = factory.createConnection()) {
            consuming.start();
            Session consumerSession = consuming.createSession();
            Queue queue = consumerSession.createQueue(queueName);
            MessageConsumer consumer = consumerSession.createConsumer(queue);
            AtomicLong blockedNanos = new AtomicLong();
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                try {
                    Session session = producing.createSession();
                    MessageProducer p = session.createProducer(queue);
                    p.setDeliveryMode(deliveryMode);
                    byte[] payload = new byte[MESSAGE_BYTES];
                    for (int i = 0; i < count; i++) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(payload);
                        message.setIntProperty("n", i);
                        long start = System.nanoTime();
                        p.send(message);
                        long took = System.nanoTime() - start;
                        if (took > TimeUnit.MILLISECONDS.toNanos(5)) {
                            blockedNanos.addAndGet(took);
                        }
                    }
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            for (int i = 0; i < count; i++) {
                BytesMessage message = (BytesMessage) consumer.receive(30_000);
                assertNotNull(message, "message " + i + " of " + count + " on " + queueName);
                assertEquals(i, message.getIntProperty("n"), "in order");
                assertEquals(MESSAGE_BYTES, message.getBodyLength());
                Thread.sleep(1); // the slow consumer
            }
            producer.get(30, TimeUnit.SECONDS);
            assertTrue(blockedNanos.get() > TimeUnit.MILLISECONDS.toNanos(100),
                    "the producer was held to the consumer's pace");
            System.out.printf("%s: %d messages in %d ms, the producer waited %d ms%n", queueName, count,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    TimeUnit.NANOSECONDS.toMillis(blockedNanos.get()));
        }
    }

    private List<Long> heapReports() {
        return broker.lines().stream().map(HEAP::matcher).filter(Matcher::matches)
                .map(m -> Long.parseLong(m.group(1))).toList();
    }

    /** Waits for the {@code n}th heap report; returns the latest. */
    private long awaitHeapReports(int n) throws InterruptedException {
        broker.awaitLine(line -> heapReports().size() >= n, 30_000);
        List<Long> reports = heapReports();
        return reports.get(reports.size() - 1);
    }
}
