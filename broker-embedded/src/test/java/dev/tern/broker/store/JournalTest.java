package dev.tern.broker.store;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {

    @TempDir
    Path tmp;

    /** A record read back with the index of its document. */
    record Replayed(long index, JournalRecord record) {
    }

    private static List<Replayed> replay(Journal journal) {
        List<Replayed> all = new ArrayList<>();
        journal.replay((index, record) -> all.add(new Replayed(index, record)));
        return all;
    }

    /** Filled by {@link #concurrentAppends}: what the replay after the appends showed. */
    private final Map<Long, Long> sequenceByIndex = new ConcurrentHashMap<>();

    private Journal open(JournalOptions options) throws IOException {
        return Journal.open(tmp.resolve("journal"), options);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] body = new byte[length];
        new Random(seed).nextBytes(body);
        return body;
    }

    @Test
    void replaysEveryRecordTypeInOrder() throws IOException {
        byte[] mebibyte = bytes(1 << 20, 1);
        List<List<JournalRecord>> documents = List.of(
                List.of(new MessageStored(1, "hello".getBytes()), new Enqueued("queue:orders", 1)),
                List.of(new MessageStored(2, mebibyte), new MessageStored(3, new byte[0]),
                        new Enqueued("queue:orders", 2), new Enqueued("sub:c1:s1", 3)),
                List.of(new SubscriptionCreated("sub:c1:s1", "prices", "c1", "s1", "region = 'EU' AND x > 3", true, false),
                        new SubscriptionCreated("sub:shared:s2", "prices", null, "s2", null, false, true),
                        new SubscriptionCreated("sub:x", null, null, null, null, false, false),
                        new SubscriptionCreated("sub:ünïcødé 日本", "t€pic", "clïent", "nåme", "x = 'ß'", true, true)),
                List.of(new Acknowledged("queue:orders", 1)),
                List.of(new SubscriptionRemoved("sub:c1:s1")));
        List<Replayed> expected = new ArrayList<>();
        try (Journal journal = open(JournalOptions.defaults())) {
            long previous = Long.MIN_VALUE;
            for (List<JournalRecord> document : documents) {
                long index = journal.append(document);
                assertTrue(index > previous);
                previous = index;
                document.forEach(record -> expected.add(new Replayed(index, record)));
            }
            assertEquals(expected, replay(journal));
            assertArrayEquals(mebibyte, journal.readMessage(expected.get(2).index(), 2));
            assertArrayEquals(new byte[0], journal.readMessage(expected.get(2).index(), 3));
        }
    }

    @Test
    void readsSeveralMessagesOfADocumentInOnePassSkippingEveryOtherRecord() throws IOException {
        try (Journal journal = open(JournalOptions.defaults())) {
            List<JournalRecord> records = new ArrayList<>(List.of(
                    new SubscriptionCreated("sub:ünïcødé 日本", "t€pic", null, "nåme", "x = 'ß'", true, true),
                    new Delivered("queue:€", 3), new DeliveryCounted("queue:€", 4, 300),
                    new SubscriptionRemoved("sub:x"), new Acknowledged("queue:日本", 1)));
            for (long seq = 10; seq < 20; seq++) {
                records.add(new MessageStored(seq, bytes(200 + (int) seq, (int) seq)));
                records.add(new Enqueued("queue:日本", seq));
            }
            long index = journal.append(records);
            long[] wanted = {11, 15, 19, 25};
            byte[][] bodies = new byte[wanted.length][];
            assertEquals(3, journal.readMessages(index, wanted, bodies));
            assertArrayEquals(bytes(211, 11), bodies[0]);
            assertArrayEquals(bytes(215, 15), bodies[1]);
            assertArrayEquals(bytes(219, 19), bodies[2]);
            assertNull(bodies[3]);
            assertArrayEquals(bytes(217, 17), journal.readMessage(index, 17));
            assertThrows(IllegalStateException.class, () -> journal.readMessages(index + 1000, wanted, new byte[4][]));
        }
    }

    @Test
    void reopeningKeepsEverythingAndContinuesTheIndexes() throws IOException {
        long first;
        List<Replayed> before;
        try (Journal journal = open(JournalOptions.defaults())) {
            first = journal.append(List.of(new MessageStored(7, bytes(300, 7)), new Enqueued("q", 7)));
            journal.append(List.of(new Acknowledged("q", 7)));
            before = replay(journal);
        }
        try (Journal journal = open(JournalOptions.defaults())) {
            assertEquals(before, replay(journal));
            assertArrayEquals(bytes(300, 7), journal.readMessage(first, 7));
            long next = journal.append(List.of(new SubscriptionRemoved("s")));
            assertTrue(next > before.get(before.size() - 1).index());
            assertEquals(before.size() + 1, replay(journal).size());
        }
    }

    @Test
    void readsMessagesFromManyThreadsAtOnce() throws Exception {
        int documents = 300;
        try (Journal journal = open(JournalOptions.defaults())) {
            long[] indexes = new long[documents];
            for (int d = 0; d < documents; d++) {
                // two messages per document, sequences 2d and 2d+1
                indexes[d] = journal.append(List.of(new MessageStored(2L * d, bytes(100 + d, 2 * d)),
                        new Enqueued("q", 2L * d), new MessageStored(2L * d + 1, bytes(d, 2 * d + 1))));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int seed = t;
                    results.add(pool.submit(() -> {
                        Random random = new Random(seed);
                        for (int i = 0; i < 2_000; i++) {
                            int d = random.nextInt(documents);
                            int which = random.nextInt(2);
                            byte[] expected = which == 0 ? bytes(100 + d, 2 * d) : bytes(d, 2 * d + 1);
                            assertArrayEquals(expected, journal.readMessage(indexes[d], 2L * d + which));
                        }
                        return 2_000;
                    }));
                }
                for (Future<Integer> result : results) {
                    assertEquals(2_000, result.get(20, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdown();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            }
            // tailers of the pool's (now dead) threads are closed by the journal's close()
        }
    }

    @Test
    void readMessageRefusesWhatIsNotThere() throws IOException {
        try (Journal journal = open(JournalOptions.defaults())) {
            long index = journal.append(List.of(new MessageStored(1, new byte[]{1}), new Enqueued("q", 1)));
            long other = journal.append(List.of(new Enqueued("q", 1)));
            IllegalStateException wrongSequence = assertThrows(IllegalStateException.class, () -> journal.readMessage(index, 2));
            assertTrue(wrongSequence.getMessage().contains("no such message"), wrongSequence.getMessage());
            assertThrows(IllegalStateException.class, () -> journal.readMessage(other, 1));
            IllegalStateException noDocument = assertThrows(IllegalStateException.class, () -> journal.readMessage(other + 1000, 1));
            assertTrue(noDocument.getMessage().contains("no such document"), noDocument.getMessage());
        }
    }

    @Test
    void concurrentAppendsAreEachReplayedExactlyOnce() throws Exception {
        concurrentAppends(JournalOptions.defaults(), 4, 2_500);
    }

    @Test
    void fsyncPolicyAppendsDurablyFromConcurrentThreads() throws Exception {
        concurrentAppends(JournalOptions.defaults().withSyncPolicy(SyncPolicy.FSYNC), 4, 150);
    }

    @Test
    void concurrentFsyncAppendersShareFsyncs() throws Exception {
        int threads = 8;
        int perThread = 40;
        try (Journal journal = open(JournalOptions.defaults().withSyncPolicy(SyncPolicy.FSYNC))) {
            onThreads(threads, 30, () -> {
                for (int i = 0; i < perThread; i++) {
                    journal.append(List.of(new Enqueued("q", i)));
                }
            });
            long syncs = journal.syncCount();
            System.out.println("FSYNC: " + threads * perThread + " appends from " + threads + " threads, " + syncs + " fsyncs");
            assertTrue(syncs > 0 && syncs < threads * perThread, syncs + " fsyncs");
        }
    }

    @Test
    void fsyncAppendReturnsOnlyOnceAForceCoveredItsDocument() throws Exception {
        int threads = 16;
        int perThread = 30;
        try (Journal journal = open(JournalOptions.defaults().withSyncPolicy(SyncPolicy.FSYNC))) {
            onThreads(threads, 60, () -> {
                for (int i = 0; i < perThread; i++) {
                    long index = journal.append(List.of(new MessageStored(i, new byte[1024])));
                    long durable = journal.durableIndex();
                    assertTrue(durable >= index, "returned before a force covered it: " + index + " > " + durable);
                }
            });
            assertTrue(journal.syncCount() < threads * perThread, journal.syncCount() + " fsyncs");
        }
    }

    @Test
    void aLoneFsyncAppenderGetsAForcePerAppendAndUnsyncedAppendsRideAlong() throws Exception {
        try (Journal journal = open(JournalOptions.defaults().withSyncPolicy(SyncPolicy.FSYNC))) {
            for (int i = 0; i < 20; i++) {
                long unsynced = journal.appendWithoutSync(List.of(new Enqueued("q", i)));
                assertTrue(journal.durableIndex() < unsynced, "appendWithoutSync never waits for a force");
                long index = journal.append(List.of(new Enqueued("q", i)));
                assertTrue(journal.durableIndex() >= index);
            }
            assertEquals(20, journal.syncCount(), "one force per synced append, covering the unsynced one before it");
        }
    }

    @Test
    void tailersOfDeadThreadsAreClosed() throws Exception {
        try (Journal journal = open(JournalOptions.defaults())) {
            long index = journal.append(List.of(new MessageStored(1, new byte[]{9})));
            for (int i = 0; i < 3; i++) {
                Thread reader = new Thread(() -> assertArrayEquals(new byte[]{9}, journal.readMessage(index, 1)));
                reader.start();
                reader.join();
            }
            assertEquals(1, journal.readerCount(), "the tailers of the first two threads");
            journal.readMessage(index, 1);
            assertEquals(1, journal.readerCount());
        }
    }

    @Test
    void appendsFromManyThreadsAcrossCycleRolls() throws Exception {
        // Cycles of one second: the appender changes files under the threads' feet. The 2.2 s start
        // with the first append, not before the journal opened (a cold JVM on a loaded machine).
        JournalOptions options = new JournalOptions(SyncPolicy.FSYNC, "TEST_SECONDLY");
        java.util.concurrent.atomic.AtomicLong deadline = new java.util.concurrent.atomic.AtomicLong();
        List<Long> indexes = concurrentAppends(options, 3, () -> {
            deadline.compareAndSet(0, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_200));
            return System.nanoTime() < deadline.get();
        });
        Set<Integer> cycles = new HashSet<>();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(tmp.resolve("journal"))
                .rollCycle(RollCycleNames.resolve("TEST_SECONDLY")).readOnly(true).build()) {
            indexes.forEach(index -> cycles.add(queue.rollCycle().toCycle(index)));
        }
        assertTrue(cycles.size() >= 2, "cycles " + cycles);
        try (Journal journal = open(options)) {
            Map<Long, Long> located = new java.util.HashMap<>(); // sequence to document, as a checkpoint restates it
            journal.replay((index, record) -> {
                if (record instanceof MessageLocated m) {
                    located.put(m.sequence(), m.documentIndex());
                }
            });
            // Compaction may have checkpointed at a roll and moved the first messages forward since.
            for (long index : List.of(indexes.get(0), indexes.get(indexes.size() - 1))) {
                long sequence = sequenceByIndex.get(index);
                assertEquals(2, journal.readMessage(located.getOrDefault(sequence, index), sequence).length);
            }
        }
    }

    private void concurrentAppends(JournalOptions options, int threads, int perThread) throws Exception {
        List<Long> indexes = concurrentAppends(options, threads, () -> true, perThread);
        assertEquals(threads * perThread, indexes.size());
    }

    private List<Long> concurrentAppends(JournalOptions options, int threads, java.util.function.BooleanSupplier more)
            throws Exception {
        return concurrentAppends(options, threads, more, Integer.MAX_VALUE);
    }

    /**
     * Each thread appends documents [MessageStored(seq), Enqueued(seq)] with seq = thread * 1e6 + i;
     * checks that replay (after reopening) shows each exactly once, in each thread's order, at the
     * returned index. Returns all indexes in order.
     */
    private List<Long> concurrentAppends(JournalOptions options, int threads, java.util.function.BooleanSupplier more,
                                         int perThread) throws Exception {
        ConcurrentHashMap<Long, Long> indexBySequence = new ConcurrentHashMap<>();
        try (Journal journal = open(options)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long base = t * 1_000_000L;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread && more.getAsBoolean(); i++) {
                            long seq = base + i;
                            long index = journal.append(List.of(new MessageStored(seq, new byte[]{(byte) i, (byte) seq}),
                                    new Enqueued("q" + base, seq)));
                            indexBySequence.put(seq, index);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdown();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            }
        }
        List<Long> indexes = new ArrayList<>();
        try (Journal journal = open(options)) {
            List<Replayed> replayed = replay(journal);
            assertEquals(2 * indexBySequence.size(), replayed.size());
            long[] lastPerThread = new long[threads];
            Arrays.fill(lastPerThread, -1);
            for (int i = 0; i < replayed.size(); i += 2) {
                MessageStored m = (MessageStored) replayed.get(i).record();
                long seq = m.sequence();
                int thread = (int) (seq / 1_000_000L);
                assertEquals(new Enqueued("q" + thread * 1_000_000L, seq), replayed.get(i + 1).record());
                assertEquals(indexBySequence.get(seq), replayed.get(i).index());
                assertEquals(replayed.get(i).index(), replayed.get(i + 1).index());
                assertEquals(lastPerThread[thread] + 1, seq % 1_000_000L, "thread " + thread + " out of order");
                lastPerThread[thread] = seq % 1_000_000L;
                indexes.add(replayed.get(i).index());
                sequenceByIndex.put(replayed.get(i).index(), seq);
            }
        }
        return indexes;
    }

    @Test
    void refusesADirectoryThatIsNotAJournal() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(dir.resolve("notes.txt"), "hello");
        IOException e = assertThrows(IOException.class, () -> Journal.open(dir, JournalOptions.defaults()));
        assertTrue(e.getMessage().contains("not a Tern journal"), e.getMessage());
    }

    @Test
    void refusesAnotherFormatVersion() throws IOException {
        open(JournalOptions.defaults()).close();
        Path header = tmp.resolve("journal").resolve(JournalFormat.HEADER_FILE);
        Files.writeString(header, Files.readString(header).replace("version=1", "version=2"));
        IOException e = assertThrows(IOException.class, () -> open(JournalOptions.defaults()));
        assertTrue(e.getMessage().contains("format version 2, this broker reads version 1"), e.getMessage());
    }

    @Test
    void refusesADamagedHeader() throws IOException {
        open(JournalOptions.defaults()).close();
        Files.writeString(tmp.resolve("journal").resolve(JournalFormat.HEADER_FILE), "\u0000\u0001garbage");
        IOException e = assertThrows(IOException.class, () -> open(JournalOptions.defaults()));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void refusesACycleFileWithAGarbageHeaderInsteadOfDiscardingIt() throws IOException {
        Path cycleFile = journalWithOneDocument();
        byte[] garbage = bytes(4096, 3);
        try (var file = new java.io.RandomAccessFile(cycleFile.toFile(), "rw")) {
            file.write(garbage);
        }
        IOException e = assertThrows(IOException.class, () -> open(JournalOptions.defaults()));
        assertTrue(e.getMessage().contains(cycleFile.getFileName() + " is damaged (not a Chronicle header"), e.getMessage());
        assertTrue(Files.exists(cycleFile), "Chronicle would have renamed it to *.discard");
    }

    @Test
    void refusesATruncatedCycleFile() throws IOException {
        Path cycleFile = journalWithOneDocument();
        try (var file = new java.io.RandomAccessFile(cycleFile.toFile(), "rw")) {
            file.setLength(100);
        }
        IOException e = assertThrows(IOException.class, () -> open(JournalOptions.defaults()));
        assertTrue(e.getMessage().contains("is damaged (cut short: 100 bytes"), e.getMessage());
    }

    @Test
    void refusesADamagedChronicleMetadataFileWithoutWaiting() throws IOException {
        journalWithOneDocument();
        Path metadata = tmp.resolve("journal").resolve(ChronicleFileCheck.METADATA_FILE);
        Files.write(metadata, bytes(1000, 4));
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> open(JournalOptions.defaults()));
        assertTrue(e.getMessage().contains("metadata.cq4t is damaged"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "Chronicle waits 10 s for its lock");
        // Chronicle rebuilds a missing metadata file from the cycle files.
        Files.delete(metadata);
        try (Journal journal = open(JournalOptions.defaults())) {
            assertEquals(List.of(new Enqueued("q", 1)), replay(journal).stream().map(Replayed::record).toList());
        }
    }

    @Test
    void opensAfterAKillWhileChronicleCreatedItsMetadataFile() throws IOException {
        journalWithOneDocument();
        Path metadata = tmp.resolve("journal").resolve(ChronicleFileCheck.METADATA_FILE);
        Files.write(metadata, new byte[65536]); // created and sized, header not written yet
        try (Journal journal = open(JournalOptions.defaults())) {
            assertEquals(List.of(new Enqueued("q", 1)), replay(journal).stream().map(Replayed::record).toList());
        }
        assertTrue(Files.exists(metadata.resolveSibling(ChronicleFileCheck.METADATA_FILE + ".never-written")));
    }

    @Test
    void opensAfterAKillWhileChronicleCreatedANewCycleFile() throws IOException {
        Path first = journalWithOneDocument();
        Path newer = first.resolveSibling("29991231-23.cq4"); // sorts after the real one, as a next cycle would
        Files.write(newer, new byte[4096]);
        try (Journal journal = open(JournalOptions.defaults())) {
            assertEquals(List.of(new Enqueued("q", 1)), replay(journal).stream().map(Replayed::record).toList());
            journal.append(List.of(new Enqueued("q", 2)));
            assertEquals(2, replay(journal).size());
        }
    }

    @Test
    void opensAfterAKillWhileTheHeaderWasWritten() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("journal"));
        Files.writeString(dir.resolve(JournalFormat.HEADER_FILE + ".tmp"), "format=tern-jour");
        try (Journal journal = open(JournalOptions.defaults())) {
            journal.append(List.of(new Enqueued("q", 1)));
        }
        assertTrue(Files.exists(dir.resolve(JournalFormat.HEADER_FILE)));
    }

    private Path journalWithOneDocument() throws IOException {
        try (Journal journal = open(JournalOptions.defaults())) {
            journal.append(List.of(new Enqueued("q", 1)));
        }
        try (var files = Files.list(tmp.resolve("journal"))) {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    @Test
    void refusesADirectoryInUse() throws IOException {
        try (Journal journal = open(JournalOptions.defaults())) {
            IOException e = assertThrows(IOException.class, () -> open(JournalOptions.defaults()));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        }
        open(JournalOptions.defaults()).close(); // released on close
    }

    @Test
    void refusesAnUnknownRollCycle() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(JournalOptions.defaults().withRollCycle("FORTNIGHTLY")));
        assertTrue(e.getMessage().contains("FORTNIGHTLY"));
    }

    @Test
    void replayRefusesAnUnknownRecordType() throws IOException {
        Path dir = tmp.resolve("journal");
        try (Journal journal = open(JournalOptions.defaults())) {
            journal.append(List.of(new Enqueued("q", 1)));
        }
        writeRawDocument(dir, bytes -> {
            bytes.writeByte(RecordCodec.FORMAT_PLAIN);
            bytes.writeStopBit(1);
            bytes.writeByte((byte) 99);
        });
        try (Journal journal = open(JournalOptions.defaults())) {
            List<JournalRecord> seen = new ArrayList<>();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal.replay((i, r) -> seen.add(r)));
            assertTrue(e.getMessage().contains("unknown type 99"), e.getMessage());
            assertEquals(List.of(new Enqueued("q", 1)), seen);
        }
    }

    @Test
    void replayRefusesAnUnknownDocumentFormatAndACutRecord() throws IOException {
        Path dir = tmp.resolve("journal");
        open(JournalOptions.defaults()).close();
        writeRawDocument(dir, bytes -> bytes.writeByte((byte) 42));
        try (Journal journal = open(JournalOptions.defaults())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal.replay((i, r) -> { }));
            assertTrue(e.getMessage().contains("has format 42"), e.getMessage());
        }
        Path dir2 = tmp.resolve("journal2");
        Journal.open(dir2, JournalOptions.defaults()).close();
        writeRawDocument(dir2, bytes -> {
            bytes.writeByte(RecordCodec.FORMAT_PLAIN);
            bytes.writeStopBit(1);
            bytes.writeByte(RecordCodec.ENQUEUED);
            bytes.writeUtf8("q");
            bytes.writeInt(3); // half a long
        });
        try (Journal journal = Journal.open(dir2, JournalOptions.defaults())) {
            List<JournalRecord> seen = new ArrayList<>();
            journal.replay((i, r) -> seen.add(r)); // a damaged last document is a torn tail: dropped
            assertEquals(List.of(), seen);
        }
        writeRawDocument(dir2, bytes -> {
            bytes.writeByte(RecordCodec.DOCUMENT_FORMAT);
            bytes.writeStopBit(1);
            bytes.writeByte(RecordCodec.ENQUEUED);
            bytes.writeUtf8("q");
            bytes.writeLong(4);
            bytes.writeInt(0xBAD); // wrong checksum
        });
        writeRawDocument(dir2, bytes -> {
            bytes.writeByte(RecordCodec.FORMAT_PLAIN);
            bytes.writeStopBit(1);
            bytes.writeByte(RecordCodec.ENQUEUED);
            bytes.writeUtf8("q");
            bytes.writeLong(5);
        });
        try (Journal journal = Journal.open(dir2, JournalOptions.defaults())) {
            // the first damaged document was remembered as dropped; the second one is damage in the middle
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal.replay((i, r) -> { }));
            assertTrue(e.getMessage().contains("followed by intact ones") && e.getMessage().contains("checksum"),
                    e.getMessage());
        }
    }

    private static void writeRawDocument(Path dir, Consumer<net.openhft.chronicle.bytes.Bytes<?>> content) {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(RollCycleNames.resolve(JournalOptions.DEFAULT_ROLL_CYCLE)).build();
             ExcerptAppender appender = queue.createAppender();
             DocumentContext dc = appender.writingDocument()) {
            content.accept(dc.wire().bytes());
        }
    }

    @Test
    void refusesUseAfterCloseAndEmptyAppends() throws IOException {
        Journal journal = open(JournalOptions.defaults());
        assertThrows(IllegalArgumentException.class, () -> journal.append(List.of()));
        long index = journal.append(List.of(new MessageStored(1, new byte[]{1})));
        journal.close();
        journal.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> journal.append(List.of(new Enqueued("q", 1))));
        assertThrows(IllegalStateException.class, () -> journal.readMessage(index, 1));
        assertThrows(IllegalStateException.class, () -> journal.replay((i, r) -> { }));
    }

    @Test
    void createsMissingDirectories() throws IOException {
        Path deep = tmp.resolve("a/b/c");
        try (Journal journal = Journal.open(deep, JournalOptions.defaults())) {
            assertEquals(deep.toAbsolutePath(), journal.directory());
            assertTrue(Files.exists(deep.resolve(JournalFormat.HEADER_FILE)));
        }
    }

    /** A task the test runs on several threads at once. */
    interface ThreadTask {
        void run() throws Exception;
    }

    /** Runs {@code task} on {@code threads} threads at once and rethrows the first failure. */
    private static void onThreads(int threads, int timeoutSeconds, ThreadTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    task.run();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(timeoutSeconds, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
    }
}
