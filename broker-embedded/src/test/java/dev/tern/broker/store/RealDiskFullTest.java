package dev.tern.broker.store;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A really full file system: the broker runs on a small tmpfs mounted for the test (root only: where
 * the mount is impossible the tests are skipped, saying why). The producer gets a
 * {@code ResourceAllocationException}, the broker keeps delivering and taking acknowledgements,
 * what was stored survives a restart, and sends work again once space is back. Also: a data
 * directory on a read-only file system, or that is a file, fails the start with a clear error.
 */
class RealDiskFullTest {

    private static final long TMPFS_BYTES = 64L << 20;
    private static final long RESERVE = 4L << 20;
    private static Path mountPoint;
    private static String notMounted;

    @BeforeAll
    static void mountTmpfs() throws Exception {
        mountPoint = Files.createTempDirectory("tern-tmpfs-");
        String result = run("mount", "-t", "tmpfs", "-o", "size=" + (TMPFS_BYTES >> 20) + "m", "tern-test",
                mountPoint.toString());
        notMounted = result.isEmpty() ? null : "cannot mount a tmpfs (needs root): " + result;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (notMounted == null) {
            String result = run("umount", mountPoint.toString());
            if (!result.isEmpty()) {
                run("umount", "-l", mountPoint.toString());
            }
        }
        Files.deleteIfExists(mountPoint);
    }

    /** Runs a command; returns "" on success, else its exit code and output. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int code = p.waitFor();
            return code == 0 ? "" : "exit " + code + ": " + out;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static TernBroker start(String name, Path data) {
        return TernBroker.start(BrokerConfig.builder(name).dataDirectory(data).minFreeDiskBytes(RESERVE).build());
    }

    private static TextMessage text(Session session, String text) throws JMSException {
        return session.createTextMessage(text + "|" + "x".repeat(1000));
    }

    private static String text(Message message) throws JMSException {
        String text = ((TextMessage) message).getText();
        return text.substring(0, text.indexOf('|'));
    }

    @Test
    void aFullDiskRefusesSendsKeepsDeliveringAndRecoversWhenSpaceIsBack() throws Exception {
        assumeTrue(notMounted == null, () -> notMounted);
        Path data = mountPoint.resolve("full");
        Path filler = mountPoint.resolve("filler");
        List<String> stored = new ArrayList<>();
        TernBroker broker = start("real-disk-full", data);
        try {
            Connection connection = broker.connectionFactory().createConnection();
            connection.start();
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("full");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < 10; i++) {
                producer.send(text(session, "before-" + i));
                stored.add("before-" + i);
            }
            // Leave ~8 MiB, then fill the rest with messages until the broker says the disk is full.
            FileStore store = Files.getFileStore(mountPoint);
            fill(filler, store.getUsableSpace() - RESERVE - (8L << 20));
            ResourceAllocationException full = null;
            for (int i = 0; i < 100_000 && full == null; i++) {
                try {
                    producer.send(text(session, "fill-" + i));
                    stored.add("fill-" + i);
                } catch (ResourceAllocationException e) {
                    full = e;
                }
            }
            assertNotNull(full, "never refused");
            assertTrue(full.getMessage().contains("disk is full"), full.getMessage());
            assertTrue(store.getUsableSpace() > 0, "the reserve was used up");
            // still running: delivers and takes acknowledgements while full
            MessageConsumer consumer = session.createConsumer(queue);
            Message first = consumer.receive(10_000);
            assertNotNull(first);
            assertEquals("before-0", text(first));
            first.acknowledge();
            stored.remove("before-0");
            assertThrows(ResourceAllocationException.class, () -> producer.send(text(session, "refused")));
            // space back: sends work again
            Files.delete(filler);
            Thread.sleep(2 * DiskSpaceGuard.RECHECK_NANOS / 1_000_000);
            producer.send(text(session, "after"));
            stored.add("after");
            connection.close();
        } finally {
            broker.stop();
        }
        TernBroker again = start("real-disk-full-2", data);
        try {
            Connection connection = again.connectionFactory().createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue("full"));
            List<String> found = new ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) {
                found.add(text((Message) m));
            }
            assertEquals(stored, found);
            connection.close();
        } finally {
            again.stop();
        }
    }

    @Test
    void aReadOnlyFileSystemFailsTheStartClearly() throws Exception {
        assumeTrue(notMounted == null, () -> notMounted);
        String remount = run("mount", "-o", "remount,ro", mountPoint.toString());
        assertEquals("", remount);
        try {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> start("read-only", mountPoint.resolve("ro")));
            assertTrue(e.getMessage().contains("TERN-B060"), e.getMessage());
            assertTrue(String.valueOf(e.getCause()).toLowerCase().contains("read-only"), String.valueOf(e.getCause()));
        } finally {
            assertEquals("", run("mount", "-o", "remount,rw", mountPoint.toString()));
        }
    }

    @Test
    void aDataDirectoryThatIsAFileFailsTheStartClearly() throws Exception {
        Path file = Files.createTempFile("tern-not-a-dir", ".txt");
        try {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> start("file-dir", file));
            assertTrue(e.getMessage().contains("TERN-B060"), e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }
}
