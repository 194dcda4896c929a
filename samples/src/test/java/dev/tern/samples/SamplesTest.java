package dev.tern.samples;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every sample's {@code main} in this JVM, one after the other, and checks what it printed.
 * The samples connect to {@code vm://samples}; the test starts that broker first, with its journal
 * in a temporary directory, so the samples share it (as they would their own) and write nothing
 * into the project.
 */
class SamplesTest {

    @TempDir
    static Path dataDirectory;

    private static TernBroker broker;

    @BeforeAll
    static void startBroker() {
        System.clearProperty(Samples.URL_PROPERTY);
        broker = TernBroker.start(BrokerConfig.builder("samples").dataDirectory(dataDirectory).build());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void demo() throws Exception {
        List<String> out = run(Demo::main);
        assertContains(out, "[consumer] received: order 1", "[consumer] received: order 2",
                "[consumer] received: order 3",
                "[subscriber-1] received: news 1", "[subscriber-1] received: news 2",
                "[subscriber-2] received: news 1", "[subscriber-2] received: news 2",
                "[demo] summary: queue: sent 3, received 3; topic: published 2, subscriber-1 got 2, subscriber-2 got 2");
    }

    @Test
    void pointToPoint() throws Exception {
        List<String> out = run(PointToPoint::main);
        List<String> received = new ArrayList<>();
        for (String line : out) {
            if (line.matches("\\[consumer-[12]\\] received: job \\d+")) {
                received.add(line.substring(line.indexOf("job")));
            }
        }
        // Every job exactly once, whichever consumer got it.
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add("job " + i);
        }
        assertEquals(Set.copyOf(expected), Set.copyOf(received), out.toString());
        assertEquals(10, received.size(), out.toString());
        assertContains(out, "[main] all 10 jobs received", "[main] total received: 10 of 10 sent");
    }

    @Test
    void publishSubscribe() throws Exception {
        List<String> out = run(PublishSubscribe::main);
        for (String subscriber : List.of("subscriber-1", "subscriber-2")) {
            assertContains(out, "[" + subscriber + "] received: EUR/USD 1.0841",
                    "[" + subscriber + "] received: EUR/USD 1.0843", "[" + subscriber + "] received: EUR/USD 1.0838");
        }
        assertContains(out, "[main] published 3, subscriber-1 got 3, subscriber-2 got 3");
    }

    @Test
    void durableSubscriber() throws Exception {
        List<String> out = run(DurableSubscriber::main);
        assertContains(out, "[subscriber] received while offline: headline 1",
                "[subscriber] received while offline: headline 2", "[subscriber] received while offline: headline 3",
                "[subscriber] got 3 of 3 published while offline", "[subscriber] unsubscribed news-archive");
        // Unsubscribed: a second run starts from scratch and again gets exactly its own three headlines.
        List<String> again = run(DurableSubscriber::main);
        assertContains(again, "[subscriber] got 3 of 3 published while offline");
        assertEquals(3, count(again, "[subscriber] received while offline:"), again.toString());
    }

    @Test
    void requestReply() throws Exception {
        List<String> out = run(RequestReply::main);
        assertContains(out, "[responder] got request-1: stock of SKU-17",
                "[requester] reply to request-1: 12 in stock (correlation ID matches)",
                "[requester] reply to request-2: out of stock (correlation ID matches)");
    }

    @Test
    void transactedRollback() throws Exception {
        List<String> out = run(TransactedRollback::main);
        assertContains(out, "[consumer] received: payment 42 JMSRedelivered=false JMSXDeliveryCount=1",
                "[consumer] received again: payment 42 JMSRedelivered=true JMSXDeliveryCount=2",
                "[consumer] queue is empty after commit");
    }

    @Test
    void messageSelector() throws Exception {
        List<String> out = run(MessageSelectorSample::main);
        assertEquals(List.of("[eu-big-orders] received: order 1 (EU, 250)", "[eu-big-orders] received: order 4 (EU, 120)"),
                linesStartingWith(out, "[eu-big-orders] received:"));
        assertEquals(List.of("[us-orders] received: order 3 (US, 500)", "[us-orders] received: order 6 (US, 40)"),
                linesStartingWith(out, "[us-orders] received:"));
        assertEquals(List.of("[everything-else] received: order 2 (EU, 80)",
                        "[everything-else] received: order 5 (APAC, 300)"),
                linesStartingWith(out, "[everything-else] received:"));
    }

    @Test
    void asyncListener() throws Exception {
        List<String> out = run(AsyncListener::main);
        assertContains(out, "[listener] received: event 1", "[listener] received: event 2",
                "[listener] received: event 3", "[producer] send completed: event 1",
                "[producer] send completed: event 3",
                "[main] sends completed: 3 of 3", "[main] messages received: 3 of 3");
    }

    @Test
    void jndiLookup() throws Exception {
        List<String> out = run(JndiLookup::main);
        assertContains(out, "[jndi] jms/queue/Greetings -> queue samples.greetings",
                "[consumer] received: hello from JNDI");
    }

    @Test
    void simplifiedApi() throws Exception {
        List<String> out = run(SimplifiedApi::main);
        assertContains(out, "[consumer] received: greeting 1", "[consumer] received: greeting 2",
                "[consumer] received: greeting 3", "[main] context closed");
    }

    // ---- helpers

    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    /** Runs a sample's main with System.out captured, and checks it left no non-daemon thread behind. */
    private static List<String> run(Main sample) throws Exception {
        Set<Thread> before = nonDaemonThreads();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        System.setOut(tee);
        try {
            sample.run(new String[0]);
        } finally {
            System.setOut(original);
            tee.flush();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, "a sample should end within a few seconds, took " + millis + " ms");
        assertNoNewNonDaemonThreads(before);
        return Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\\R"));
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }

    // A non-daemon thread would keep the sample's JVM from exiting; allow a moment for threads that are ending.
    private static void assertNoNewNonDaemonThreads(Set<Thread> before) throws InterruptedException {
        Set<Thread> extra = Set.of();
        for (int i = 0; i < 20; i++) {
            extra = nonDaemonThreads().stream().filter(t -> !before.contains(t)).collect(Collectors.toSet());
            if (extra.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("the sample left non-daemon threads running: "
                + extra.stream().map(Thread::getName).collect(Collectors.toList()));
    }

    private static void assertContains(List<String> out, String... expectedLines) {
        for (String expected : expectedLines) {
            assertEquals(1, out.stream().filter(expected::equals).count(),
                    "expected exactly once: " + expected + "\nin output:\n" + String.join("\n", out));
        }
    }

    private static long count(List<String> out, String prefix) {
        return out.stream().filter(line -> line.startsWith(prefix)).count();
    }

    private static List<String> linesStartingWith(List<String> out, String prefix) {
        return out.stream().filter(line -> line.startsWith(prefix)).collect(Collectors.toList());
    }

    /** Writes to the console (so the surefire report shows the samples' output) and to a buffer. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
