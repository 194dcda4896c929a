package dev.tern.broker.store;

import dev.tern.broker.core.BrokerCore;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DeliveryTag;
import dev.tern.transport.DestinationRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.tern.broker.store.CompactionTest.persistent;
import static dev.tern.broker.store.CompactionTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounded disk under steady traffic: 1 KiB persistent messages are sent and consumed in a loop on a
 * one-file-per-second journal, next to a few long-lived messages (never consumed, or delivered and
 * never acknowledged) and a durable subscriber that stays about {@value #LAG} messages behind. The
 * journal directory's allocated size is sampled all along and must stay under a bound that does not
 * depend on the traffic; a restart afterwards must recover exactly the pending messages.
 *
 * <p>CI runs {@code tern.soak.bytes} = 256 MiB at 16 MiB/s with a 112 MiB bound; the {@code soak}
 * profile runs 20 GiB as fast as it goes with a 512 MiB bound ({@code mvn -B -o verify -Psoak -pl
 * broker-embedded -am -Dtest=JournalSoakTest -Dsurefire.failIfNoSpecifiedTests=false}).
 */
class JournalSoakTest {

    private static final Logger LOG = LoggerFactory.getLogger(JournalSoakTest.class);
    private static final long TRAFFIC = Long.getLong("tern.soak.bytes", 256L << 20);
    private static final long RATE = Long.getLong("tern.soak.bytesPerSecond", 16L << 20);
    private static final long BOUND = Long.getLong("tern.soak.maxDirBytes", 112L << 20);
    private static final int LAG = 2000;
    private static final int BODY = 1000;
    private static final int BATCH = 64;
    private static final DestinationRef FLOW = DestinationRef.queue("flow");
    private static final DestinationRef KEEP = DestinationRef.queue("keep");
    private static final DestinationRef HOLD = DestinationRef.queue("hold");
    private static final DestinationRef NEWS = DestinationRef.topic("news");

    @TempDir
    Path dir;

    /** Bytes the directory's files take on disk (allocated blocks, not apparent sizes: cycle files are sparse). */
    static long allocated(Path dir) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    @Test
    void theJournalStaysBoundedUnderSteadyTrafficAndARestartRecoversExactly() throws Exception {
        Journal journal = Journal.open(dir, CompactionTest.fastOptions());
        BrokerCore broker = BrokerCore.start("soak", journal, 2);
        AtomicLong maxDir = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                try {
                    maxDir.accumulateAndGet(allocated(dir), Math::max);
                    Thread.sleep(250);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    return;
                }
            }
        }, "soak-du");
        Set<String> lagPending = new HashSet<>();
        long started = System.nanoTime();
        long sentBytes = 0;
        int sent = 0;
        try {
            BrokerConnection connection = broker.connect(null);
            connection.setClientId("soak");
            BlockingQueue<Delivery> news = new LinkedBlockingQueue<>();
            connection.createConsumer(new ConsumerSpec(2, NEWS, null, false, "lagger", true, false, 4 * LAG), news::add);
            for (int i = 0; i < 5; i++) {
                connection.send(0, persistent(KEEP, "keep-" + i, BODY)).get(10, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 3; i++) {
                connection.send(0, persistent(HOLD, "hold-" + i, BODY)).get(10, TimeUnit.SECONDS);
            }
            BlockingQueue<Delivery> held = new LinkedBlockingQueue<>();
            connection.createConsumer(ConsumerSpec.simple(3, HOLD, null, false, 3), held::add); // never acknowledged
            BlockingQueue<Delivery> flow = new LinkedBlockingQueue<>();
            connection.createConsumer(ConsumerSpec.simple(1, FLOW, null, false, 4 * BATCH), flow::add);
            sampler.start();
            ArrayDeque<Delivery> lagging = new ArrayDeque<>();
            List<CompletableFuture<Void>> sends = new ArrayList<>(BATCH);
            while (sentBytes < TRAFFIC) {
                for (int i = 0; i < BATCH; i++, sent++) {
                    boolean publish = sent % 8 == 0;
                    byte[] message = persistent(publish ? NEWS : FLOW, (publish ? "news-" : "flow-") + sent, BODY);
                    sends.add(connection.send(0, message));
                    sentBytes += message.length;
                    if (publish) {
                        lagPending.add("news-" + sent);
                    }
                }
                for (CompletableFuture<Void> send : sends) {
                    send.get(30, TimeUnit.SECONDS);
                }
                sends.clear();
                List<DeliveryTag> acks = new ArrayList<>();
                for (int i = 0; i < BATCH - BATCH / 8; i++) {
                    Delivery d = flow.poll(30, TimeUnit.SECONDS);
                    assertNotNull(d, "flow message not delivered");
                    acks.add(new DeliveryTag(1, d.sequence()));
                }
                news.drainTo(lagging);
                while (lagging.size() > LAG) {
                    Delivery d = lagging.poll();
                    acks.add(new DeliveryTag(2, d.sequence()));
                    lagPending.remove(text(d.message()));
                }
                connection.acknowledge(0, acks);
                connection.addCredit(1, BATCH - BATCH / 8);
                connection.addCredit(2, acks.size() - (BATCH - BATCH / 8));
                if (RATE > 0) { // 0: as fast as it goes
                    long wait = started + (long) (sentBytes * 1e9 / RATE) - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            assertEquals(3, held.size());
            Thread.sleep(1500); // let compaction see the last files roll
            LOG.info("Soak: {} messages, {} MiB in {} s; journal directory at most {} MiB; {} checkpoints,"
                            + " {} files deleted, {} messages moved forward", sent, sentBytes >> 20,
                    (System.nanoTime() - started) / 1_000_000_000, maxDir.get() >> 20, journal.checkpointCount(),
                    journal.deletedFileCount(), journal.movedMessageCount());
        } finally {
            sampling.set(false);
            sampler.join();
            broker.stop();
        }
        assertTrue(maxDir.get() < BOUND, "journal directory reached " + (maxDir.get() >> 20) + " MiB for "
                + (sentBytes >> 20) + " MiB of traffic; bound " + (BOUND >> 20) + " MiB");
        assertTrue(maxDir.get() < sentBytes / 2, "directory not smaller than the traffic");

        Journal reopened = Journal.open(dir, CompactionTest.fastOptions());
        BrokerCore again = BrokerCore.start("soak-2", reopened, 1);
        try {
            BrokerConnection connection = again.connect(null);
            connection.setClientId("soak");
            assertEquals(List.of("keep-0", "keep-1", "keep-2", "keep-3", "keep-4"), texts(connection.browse(KEEP, null)));
            assertEquals(List.of("hold-0", "hold-1", "hold-2"), texts(connection.browse(HOLD, null)));
            assertEquals(List.of(), texts(connection.browse(FLOW, null)));
            BlockingQueue<Delivery> news = new LinkedBlockingQueue<>();
            connection.createConsumer(new ConsumerSpec(2, NEWS, null, false, "lagger", true, false, 4 * LAG),
                    news::add);
            Set<String> recovered = new HashSet<>();
            for (int i = 0; i < lagPending.size(); i++) {
                Delivery d = news.poll(10, TimeUnit.SECONDS);
                assertNotNull(d, "durable subscription: " + recovered.size() + " of " + lagPending.size());
                assertTrue(recovered.add(text(d.message())));
            }
            assertEquals(lagPending, recovered);
            assertEquals(null, news.poll(200, TimeUnit.MILLISECONDS));
        } finally {
            again.stop();
        }
    }

    private static List<String> texts(List<byte[]> bodies) throws Exception {
        List<String> texts = new ArrayList<>();
        for (byte[] body : bodies) {
            texts.add(text(body));
        }
        return texts;
    }
}
