package dev.tern.broker.store;

import dev.tern.broker.core.BrokerCore;
import dev.tern.client.TernDestination;
import dev.tern.message.MessageCodec;
import dev.tern.message.TernTextMessage;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DeliveryTag;
import dev.tern.transport.DestinationRef;
import jakarta.jms.DeliveryMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's compaction on a one-file-per-second journal: old files go once nothing in them is
 * pending, a long-lived message is copied forward instead of keeping its file, and a restart from
 * the checkpoint recovers exactly what is pending.
 */
class CompactionTest {

    static final DestinationRef FLOW = DestinationRef.queue("flow");
    static final DestinationRef KEEP = DestinationRef.queue("keep");

    @TempDir
    Path dir;

    static JournalOptions fastOptions() {
        return JournalOptions.defaults().withRollCycle("TEST_SECONDLY").withCheckpointBytes(256 << 10)
                .withMinFreeBytes(0);
    }

    static byte[] persistent(DestinationRef destination, String text, int padding) throws Exception {
        TernTextMessage message = new TernTextMessage();
        message.setText(text + "|" + "x".repeat(padding));
        message.setJMSDestination(TernDestination.of(destination));
        message.setJMSMessageID("ID:" + text);
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        message.setJMSPriority(4);
        return MessageCodec.encode(message);
    }

    static String text(byte[] body) throws Exception {
        String text = ((TernTextMessage) MessageCodec.decode(body)).getText();
        return text.substring(0, text.indexOf('|'));
    }

    static long cycleFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).count();
        }
    }

    @Test
    void oldFilesAreDeletedLongLivedMessagesMovedAndARestartRecoversExactly() throws Exception {
        Journal journal = Journal.open(dir, fastOptions());
        BrokerCore broker = BrokerCore.start("compaction", journal, 1);
        List<String> flowLeft = new ArrayList<>();
        try {
            BrokerConnection connection = broker.connect(null);
            connection.send(0, persistent(KEEP, "keep-1", 100)).get(5, TimeUnit.SECONDS);
            connection.send(0, persistent(KEEP, "keep-2", 3000)).get(5, TimeUnit.SECONDS);
            BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
            connection.createConsumer(ConsumerSpec.simple(1, FLOW, null, false, 100), received::add);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            int sent = 0;
            while (System.nanoTime() < end || journal.deletedFileCount() < 2 || journal.movedMessageCount() < 2) {
                assertTrue(sent < 2_000_000, "no file deleted or message moved after " + sent + " messages");
                connection.send(0, persistent(FLOW, "flow-" + sent++, 1000)).get(5, TimeUnit.SECONDS);
                Delivery d = received.poll(5, TimeUnit.SECONDS);
                assertNotNull(d);
                connection.acknowledge(0, List.of(new DeliveryTag(1, d.sequence())));
                connection.addCredit(1, 1);
            }
            assertTrue(cycleFiles(dir) <= 6, "cycle files left: " + cycleFiles(dir));
            connection.close();
            BrokerConnection last = broker.connect(null);
            for (int i = 0; i < 3; i++) {
                String text = "left-" + i;
                last.send(0, persistent(FLOW, text, 10)).get(5, TimeUnit.SECONDS);
                flowLeft.add(text);
            }
            assertTrue(journal.checkpointCount() > 0);
            // the moved messages are read from their new place
            List<String> kept = new ArrayList<>();
            for (byte[] body : last.browse(KEEP, null)) {
                kept.add(text(body));
            }
            assertEquals(List.of("keep-1", "keep-2"), kept);
        } finally {
            broker.stop();
        }
        assertTrue(Files.exists(dir.resolve(Checkpoint.FILE)));

        Journal reopened = Journal.open(dir, fastOptions());
        BrokerCore again = BrokerCore.start("compaction-2", reopened, 1);
        try {
            BrokerConnection connection = again.connect(null);
            List<String> kept = new ArrayList<>();
            for (byte[] body : connection.browse(KEEP, null)) {
                kept.add(text(body));
            }
            assertEquals(List.of("keep-1", "keep-2"), kept);
            List<String> flow = new ArrayList<>();
            for (byte[] body : connection.browse(FLOW, null)) {
                flow.add(text(body));
            }
            assertEquals(flowLeft, flow);
        } finally {
            again.stop();
        }
    }

    @Test
    void aCheckpointRestatesWhatReplayNeeds() throws Exception {
        JournalState state = new JournalState();
        byte[] body = persistent(KEEP, "m", 10);
        SubscriptionCreated sub = new SubscriptionCreated("s:1", "news", "client", "name", "a > 1", true, false);
        state.apply(0x100, List.of(sub), 50, 0);
        state.apply(0x101, List.of(new MessageStored(7, body), new Enqueued("q:keep", 7), new Enqueued("s:1", 7),
                new MessageStored(8, body), new Enqueued("q:keep", 8)), 500, 0);
        state.apply(0x102, List.of(new Delivered("q:keep", 8), new DeliveryCounted("q:keep", 7, 3),
                new Acknowledged("q:keep", 8), new MessageMoved(7, body)), 80, 0);
        Checkpoint.write(dir, state);
        JournalState loaded = Checkpoint.load(dir);
        List<String> restated = new ArrayList<>();
        loaded.restate((index, record) -> restated.add(Long.toHexString(index) + " " + record), loaded.position);
        restated.sort(null);
        assertEquals(List.of(
                "102 Delivered[queueKey=q:keep, highestSequence=8]",
                "102 DeliveryCounted[queueKey=q:keep, sequence=7, count=3]",
                "102 Enqueued[queueKey=q:keep, sequence=7]",
                "102 Enqueued[queueKey=s:1, sequence=7]",
                "102 MessageLocated[sequence=7, documentIndex=258, priority=4, expiration=0, deliveryTime=0]",
                "102 SequenceReserved[highestSequence=8]",
                "102 " + sub), restated);
        assertEquals(0x102, loaded.position);
    }

    @Test
    void aDamagedCheckpointRefusesTheStart() throws Exception {
        JournalState state = new JournalState();
        state.apply(0x100, List.of(new MessageStored(1, persistent(KEEP, "m", 10)), new Enqueued("q:keep", 1)), 50, 0);
        Checkpoint.write(dir, state);
        byte[] bytes = Files.readAllBytes(dir.resolve(Checkpoint.FILE));
        bytes[bytes.length / 2] ^= 1;
        Files.write(dir.resolve(Checkpoint.FILE), bytes);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("TERN-J003"), e.getMessage());
    }

    @Test
    void aCycleFileWhoseHeaderWasClaimedButNeverWrittenIsSetAside() throws Exception {
        Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(journalDir, JournalOptions.defaults())) {
            journal.append(List.of(new Enqueued("q", 1)));
        }
        Path newer = journalDir.resolve("29991231-2355.cq4"); // sorts after the real one, as a next cycle would
        byte[] claimed = new byte[4096];
        claimed[3] = (byte) 0x80; // little-endian 0x80000000: header not complete, length 0 (seen after a kill)
        Files.write(newer, claimed);
        try (Journal journal = Journal.open(journalDir, JournalOptions.defaults())) {
            List<JournalRecord> records = new ArrayList<>();
            journal.replay((index, record) -> records.add(record));
            assertEquals(List.of(new Enqueued("q", 1)), records);
        }
        assertTrue(Files.exists(journalDir.resolve("29991231-2355.cq4.never-written")));
    }
}
