package dev.tern.it.process;

import dev.tern.broker.server.TernServer;
import dev.tern.test.TernTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Separate processes: a standalone broker JVM, a producer JVM and two consumer JVMs over TCP. A queue
 * gives each message to exactly one consumer; a topic gives every message to each subscriber.
 */
class MultiProcessTest extends TernTestBase {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp://[^:]+:(\\d+)");
    private static final int COUNT = 500;

    @TempDir
    Path dataDir;

    private JavaProcess broker;
    private String url;

    @BeforeEach
    void startBroker() throws Exception {
        broker = JavaProcess.start("broker", TernServer.class, "--port", "0", "--host", "127.0.0.1",
                "--data", dataDir.toString());
        String line = broker.awaitLine(l -> LISTENING.matcher(l).find(), 30_000);
        Matcher matcher = LISTENING.matcher(line);
        assertTrue(matcher.find());
        url = "tcp://127.0.0.1:" + matcher.group(1);
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.terminate();
        int exit = broker.awaitExit(30_000);
        broker.close();
        // 143 = ended by SIGTERM after the shutdown hooks ran (a hung hook would time awaitExit out).
        assertTrue(exit == 0 || exit == 143, "SIGTERM ends the broker normally, exit code " + exit);
    }

    @Test
    void queueMessagesGoToExactlyOneOfTwoConsumerProcesses() throws Exception {
        List<String> received = run("queue", "orders");
        assertEquals(COUNT, received.size(), "every message arrived once in total");
        assertEquals(COUNT, new HashSet<>(received).size(), "no message arrived twice");
    }

    @Test
    void topicMessagesGoToEachSubscriberProcess() throws Exception {
        List<String> received = run("topic", "prices");
        assertEquals(2 * COUNT, received.size());
        assertEquals(COUNT, new HashSet<>(received).size());
    }

    /** Starts two consumers, then a producer; returns every body both consumers got. */
    private List<String> run(String kind, String name) throws Exception {
        try (JavaProcess first = JavaProcess.start("consumer-1", ConsumerMain.class, url, kind, name, "3000");
             JavaProcess second = JavaProcess.start("consumer-2", ConsumerMain.class, url, kind, name, "3000")) {
            first.awaitLine("ready"::equals, 30_000);
            second.awaitLine("ready"::equals, 30_000);
            try (JavaProcess producer = JavaProcess.start("producer", ProducerMain.class, url, kind, name,
                    String.valueOf(COUNT))) {
                producer.awaitLine(("sent " + COUNT)::equals, 60_000);
                assertEquals(0, producer.awaitExit(30_000));
            }
            assertEquals(0, first.awaitExit(60_000));
            assertEquals(0, second.awaitExit(60_000));
            List<String> bodies = new ArrayList<>();
            Set<String> perConsumer = new HashSet<>();
            for (JavaProcess consumer : List.of(first, second)) {
                perConsumer.clear();
                for (String line : consumer.lines()) {
                    if (line.startsWith("got ")) {
                        bodies.add(line.substring(4));
                        assertTrue(perConsumer.add(line), "a consumer got a message twice: " + line);
                    }
                }
            }
            return bodies;
        }
    }
}
