package dev.tern.broker.store;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal whose newest file lost its end (cut short by the file system, or overwritten) starts:
 * everything before the damage is recovered, the damaged tail is dropped and logged, and appends go
 * on; a journal of another store version is refused by {@code TernBroker.start}.
 */
class TornTailTest {

    @TempDir
    Path dir;

    private int brokers;

    private TernBroker start() {
        return TernBroker.start(BrokerConfig.builder("torn-" + (brokers++) + "-" + System.nanoTime())
                .dataDirectory(dir).build());
    }

    private void sendTexts(TernBroker broker, int from, int to) throws Exception {
        try (Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue("torn"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = from; i < to; i++) {
                producer.send(session.createTextMessage("m" + i + "-" + "x".repeat(300)));
            }
        }
    }

    private static List<String> drain(TernBroker broker) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            MessageConsumer consumer = connection.createSession().createConsumer(
                    connection.createSession().createQueue("torn"));
            Message m;
            while ((m = consumer.receive(1_000)) != null) {
                texts.add(((TextMessage) m).getText().split("-")[0]);
            }
        }
        return texts;
    }

    private Path cycleFile() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".cq4")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    /** The offset just after the last non-zero byte of the file (the end of its last document). */
    private static long endOfData(Path file) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] all = new byte[(int) Math.min(f.length(), 8 << 20)];
            f.readFully(all);
            int p = all.length - 1;
            while (p > 0 && all[p] == 0) {
                p--;
            }
            return p + 1;
        }
    }

    @Test
    void aCycleFileCutShortLosesOnlyItsLastDocument() throws Exception {
        TernBroker broker = start();
        sendTexts(broker, 0, 10);
        broker.stop();
        Path cycle = cycleFile();
        try (RandomAccessFile f = new RandomAccessFile(cycle.toFile(), "rw")) {
            f.setLength(endOfData(cycle) - 30); // into the last document's records
        }

        TernBroker again = start();
        sendTexts(again, 10, 12); // appends go on after the dropped document
        again.stop();
        TernBroker third = start(); // and the next start still knows the dropped one is not damage in the middle
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            if (i != 9) {
                expected.add("m" + i);
            }
        }
        assertEquals(expected, drain(third));
        third.stop();
        assertTrue(Files.readString(dir.resolve(DroppedDocuments.FILE)).startsWith("0x"));
    }

    @Test
    void bytesOverwrittenInTheLastDocumentAreDetectedByItsChecksum() throws Exception {
        TernBroker broker = start();
        sendTexts(broker, 0, 5);
        broker.stop();
        Path cycle = cycleFile();
        try (RandomAccessFile f = new RandomAccessFile(cycle.toFile(), "rw")) {
            f.seek(endOfData(cycle) - 100); // inside the last message's body
            f.write(new byte[] {'y', 'y', 'y'});
        }
        TernBroker again = start();
        assertEquals(List.of("m0", "m1", "m2", "m3"), drain(again));
        again.stop();
    }

    @Test
    void aDirectoryOfAnotherStoreVersionIsRefusedByTheBroker() throws Exception {
        start().stop();
        Path header = dir.resolve(JournalFormat.HEADER_FILE);
        Files.writeString(header, Files.readString(header).replace("version=1", "version=99"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, this::start);
        assertTrue(e.getCause().getMessage().contains("format version 99, this broker reads version 1"),
                e.getCause().getMessage());
    }
}
