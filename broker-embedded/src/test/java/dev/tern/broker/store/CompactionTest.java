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
}
