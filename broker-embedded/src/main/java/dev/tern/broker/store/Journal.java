package dev.tern.broker.store;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The broker's journal: one Chronicle Queue that every durable state change is appended to, and
 * that is replayed when the broker starts. Each {@link #append(List)} is one Chronicle document,
 * so the records of a transaction are all there after a crash, or none.
 *
 * <p><b>Writing.</b> One appender, shared by all threads under a lock. Chronicle appenders are
 * single-threaded by contract only in the sense that they keep per-call state without
 * synchronisation; with the thread-ownership check turned off
 * ({@code singleThreadedCheckDisabled(true)}) a lock gives the needed happens-before between
 * callers. A dedicated writer thread would cost a hand-off both ways on every append (tens of
 * microseconds on a small machine) against well under a microsecond for an uncontended lock, and
 * encoding under the lock is a copy into mapped memory that has to happen on one thread anyway.
 *
 * <p><b>Durability.</b> {@link SyncPolicy#MEMORY_MAPPED}: an append returns once the document is
 * in the mapped file. {@link SyncPolicy#FSYNC}: it then waits in {@link GroupCommit}, outside the
 * write lock, so concurrent appenders share one fsync.
 *
 * <p><b>Reading.</b> {@link #readMessage(long, long)} uses one tailer per calling thread
 * ({@link TailerPerThread}); all of them are closed by {@link #close()}.
 *
 * <p><b>Chronicle's manners.</b> The static initialiser runs {@link ChronicleQuiet#apply()} before
 * any Chronicle class is initialised: this class only names Chronicle types in its fields and
 * method bodies, which loads but does not initialise them.
 */
public final class Journal implements AutoCloseable {

    static {
        ChronicleQuiet.apply();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path directory;
    private final DirectoryLock directoryLock;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final GroupCommit groupCommit; // null unless FSYNC
    private final TailerPerThread readers;
    private volatile boolean closed;
    private volatile Throwable failure;

    // Guarded by writeLock: the cycle and file of the last append, for GroupCommit.
    private int lastCycle = Integer.MIN_VALUE;
    private Path lastCycleFile;

    private final DiskSpaceGuard diskSpace;
    private final long checkpointBytes;
    /**
     * Where messages copied forward by compaction ({@link MessageMoved}) are now: sequence to
     * document. Consulted by {@link #readMessage}, so the broker's index keeps the first location.
     * Small: only long-lived messages of old files are moved, and entries of messages no longer
     * pending are pruned at each checkpoint. Rebuilt on replay from the moves after the checkpoint.
     */
    private final Map<Long, Long> relocations = new ConcurrentHashMap<>();
    private volatile Compactor compactor; // set by the first replay
    private ScheduledExecutorService compaction;

    private Journal(Path directory, DirectoryLock directoryLock, SingleChronicleQueue queue, SyncPolicy syncPolicy,
                    long minFreeBytes, long checkpointBytes) {
        this.checkpointBytes = checkpointBytes;
        this.diskSpace = new DiskSpaceGuard(minFreeBytes, DiskSpaceGuard.fileStoreOf(directory));
        this.directory = directory;
        this.directoryLock = directoryLock;
        this.queue = queue;
        this.appender = queue.createAppender();
        this.appender.singleThreadedCheckDisabled(true);
        this.groupCommit = syncPolicy == SyncPolicy.FSYNC ? new GroupCommit(directory) : null;
        this.readers = new TailerPerThread(queue);
    }

    /**
     * Opens the journal in that directory, creating the directory if it does not exist.
     *
     * @throws IOException if the directory cannot be used: not a Tern journal, another format
     *                     version, in use by another broker, or Chronicle cannot open it
     * @throws IllegalArgumentException if the options name an unknown roll cycle
     */
    public static Journal open(Path directory, JournalOptions options) throws IOException {
        Objects.requireNonNull(directory, "directory");
        RollCycle rollCycle = RollCycleNames.resolve(options.rollCycle());
        Path dir = directory.toAbsolutePath().normalize();
        JournalFormat.prepare(dir);
        DirectoryLock lock = DirectoryLock.acquire(dir);
        SingleChronicleQueue queue = null;
        try {
            ChronicleFileCheck.checkAll(dir);
            queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(rollCycle).build();
            Journal journal = new Journal(dir, lock, queue, options.syncPolicy(), options.minFreeBytes(),
                    options.checkpointBytes());
            LOG.info("Journal opened in {} (format {}, roll cycle {}, sync {}, last index {})", dir,
                    JournalFormat.VERSION, queue.rollCycle(), options.syncPolicy(), describeLastIndex(queue));
            return journal;
        } catch (IOException | RuntimeException e) {
            if (queue != null) {
                queue.close();
            }
            lock.close();
            throw e instanceof IOException io ? io : new IOException("Cannot open the journal in " + dir + ": " + e, e);
        }
    }

    private static String describeLastIndex(SingleChronicleQueue queue) {
        long last = queue.lastIndex();
        return last < 0 ? "none" : RecordCodec.describe(last);
    }

    /**
     * Appends the records as one document: after a crash they are all replayed or none is.
     * Thread-safe. Returns when the document is durable as the {@link SyncPolicy} says.
     *
     * @return the index of the document, increasing with every append
     * @throws IllegalArgumentException if the list is empty
     * @throws IllegalStateException    if the journal is closed or failed earlier
     * @throws UncheckedIOException     if forcing to disk failed; the journal then refuses appends
     * @throws DiskSpaceGuard.JournalFullException if the disk is (nearly) full: nothing was written,
     *                                  later appends are tried again
     */
    public long append(List<JournalRecord> records) {
        return append(records, true);
    }

    /**
     * Appends like {@link #append(List)} but returns once the document is in the mapped file, even
     * with {@link SyncPolicy#FSYNC}: the next fsync (of any appender) covers it. For records whose
     * loss in a machine crash the broker tolerates (automatic acknowledgements: the message comes
     * back flagged as redelivered).
     */
    public long appendWithoutSync(List<JournalRecord> records) {
        return append(records, false);
    }

    private long append(List<JournalRecord> records, boolean sync) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("Nothing to append");
        }
        // Indexed loops, no streams: this runs for every send and acknowledgement.
        boolean storesMessage = false;
        for (int i = 0, n = records.size(); i < n; i++) {
            storesMessage |= Objects.requireNonNull(records.get(i), "record") instanceof MessageStored
                    || records.get(i) instanceof MessageMoved;
        }
        long index;
        writeLock.lock();
        try {
            checkWritable();
            diskSpace.check(estimatedSize(records), storesMessage);
            index = write(records);
            if (groupCommit != null) {
                groupCommit.appended(index, cycleFile(index), sync);
            }
        } finally {
            writeLock.unlock();
        }
        if (groupCommit != null && sync) {
            awaitDurable(index);
        }
        return index;
    }

    private static long estimatedSize(List<JournalRecord> records) {
        long size = 64;
        for (int i = 0, n = records.size(); i < n; i++) {
            JournalRecord record = records.get(i);
            size += record instanceof MessageStored m ? m.message().length + 16
                    : record instanceof MessageMoved m ? m.message().length + 16 : 64;
        }
        return size;
    }

    /** Replaces the file system probe of the disk space check: for tests of a full disk. */
    void usableSpaceProbe(java.util.function.LongSupplier probe) {
        writeLock.lock();
        try {
            diskSpace.probe(probe);
        } finally {
            writeLock.unlock();
        }
    }

    private long write(List<JournalRecord> records) {
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                RecordCodec.write(records, dc.wire().bytes());
                return dc.index();
            } catch (RuntimeException | Error e) {
                dc.rollbackOnClose(); // never leave half a transaction in the journal
                throw e;
            }
        }
    }

    private Path cycleFile(long index) {
        int cycle = queue.rollCycle().toCycle(index);
        if (cycle != lastCycle) {
            lastCycle = cycle;
            lastCycleFile = appender.currentFile().toPath();
        }
        return lastCycleFile;
    }

    private void awaitDurable(long index) {
        try {
            groupCommit.awaitDurable(index);
        } catch (IOException e) {
            // After a failed fsync the kernel may have dropped the dirty pages: nothing later can be trusted.
            failure = e;
            throw new UncheckedIOException("Could not force the journal in " + directory + " to disk", e);
        }
    }

    private void checkWritable() {
        checkOpen();
        if (failure != null) {
            throw new IllegalStateException("The journal in " + directory + " failed earlier and takes no more appends",
                    failure);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The journal in " + directory + " is closed");
        }
    }

    /**
     * Calls the visitor for every record the broker must rebuild its state from, in order, with the
     * index of the document that holds it: first what the latest checkpoint restates (durable
     * subscriptions, delivered marks, each pending message as a {@link MessageLocated} followed by
     * its {@link Enqueued} and {@link DeliveryCounted} records, then {@link SequenceReserved}), then
     * every record of the documents after the checkpoint (from the start if there is none), except
     * {@link MessageMoved}, which the journal handles itself. Meant to be called once at broker
     * start, before appends; it then starts the journal's compaction (checkpoints and deletion of
     * old files).
     *
     * @throws IllegalStateException if a document has an unknown format or record type, is damaged,
     *                               or the checkpoint is damaged or its position missing
     */
    public void replay(JournalVisitor visitor) {
        checkOpen();
        DroppedDocuments dropped = DroppedDocuments.load(directory);
        JournalState checkpoint;
        try {
            checkpoint = Checkpoint.load(directory);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        JournalState state = checkpoint != null ? checkpoint : new JournalState();
        long checkpointPosition = checkpoint != null ? checkpoint.position : -1;
        if (checkpoint != null) {
            checkpoint.restate(visitor, checkpoint.position);
        }
        List<Long> damaged = new java.util.ArrayList<>();
        RuntimeException firstDamage = null;
        long replayedBytes = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            TailerStart.after(tailer, checkpointPosition,
                    () -> "TERN-J004 the journal in " + directory + " has no document "
                            + RecordCodec.describe(checkpointPosition) + ", where its checkpoint ends; journal files"
                            + " were removed by hand? Restore the data directory from a backup");
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    long index = dc.index();
                    if (dropped.contains(index)) {
                        continue;
                    }
                    int bytes = (int) dc.wire().bytes().readRemaining();
                    List<JournalRecord> records;
                    try {
                        records = RecordCodec.read(index, dc.wire().bytes());
                    } catch (RecordCodec.DamagedDocumentException e) {
                        damaged.add(index);
                        firstDamage = firstDamage == null ? e : firstDamage;
                        continue;
                    }
                    if (!damaged.isEmpty()) {
                        // Skipping damage in the middle could forget acknowledgements: refuse.
                        throw new IllegalStateException("Journal in " + directory + ": " + damaged.size()
                                + " damaged documents are followed by intact ones (first: " + firstDamage.getMessage()
                                + "); refusing to start on a journal damaged in the middle; restore it from a backup",
                                firstDamage);
                    }
                    for (JournalRecord record : records) {
                        if (record instanceof MessageMoved moved) {
                            relocations.put(moved.sequence(), index);
                        } else {
                            visitor.onRecord(index, record);
                        }
                    }
                    state.apply(index, records, bytes, queue.rollCycle().toCycle(index));
                    replayedBytes += bytes;
                }
            }
        }
        if (!damaged.isEmpty()) {
            LOG.warn("TERN-J002 the journal in {} ends with {} damaged documents (a torn or truncated tail; first: {});"
                    + " they are dropped: what they held (sends, acknowledgements) did not happen. Indexes: {}",
                    directory, damaged.size(), firstDamage.getMessage(), damaged.stream().map(RecordCodec::describe).toList());
            dropped.add(damaged);
        }
        startCompaction(state, dropped, checkpointPosition, replayedBytes);
    }

    private void startCompaction(JournalState state, DroppedDocuments dropped, long checkpointPosition,
                                 long replayedBytes) {
        writeLock.lock();
        try {
            if (compactor != null || closed) {
                return; // replayed again (tests): the running compaction already follows the journal
            }
            compactor = new Compactor(this, queue, state, dropped, checkpointPosition, checkpointBytes, replayedBytes);
            long period = Math.max(50, Math.min(1000, queue.rollCycle().lengthInMillis() / 4));
            compaction = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tern-journal-compaction-" + directory.getFileName());
                thread.setDaemon(true);
                return thread;
            });
            Compactor c = compactor;
            compaction.scheduleWithFixedDelay(c::run, period, period, TimeUnit.MILLISECONDS);
        } finally {
            writeLock.unlock();
        }
    }

    /** Compaction copied the message to that document. */
    void relocated(long sequence, long documentIndex) {
        relocations.put(sequence, documentIndex);
    }

    /** Forgets the moves of messages that are no longer pending. */
    void pruneRelocations(java.util.function.LongPredicate pending) {
        relocations.keySet().removeIf(sequence -> !pending.test(sequence));
    }

    /** Closes the readers' tailers so that deleted files get unmapped; they reopen on their next read. */
    void releaseReaders() {
        readers.releaseIdle();
    }

    /** How many checkpoints compaction wrote since the journal was opened; for tests and monitoring. */
    public long checkpointCount() {
        Compactor c = compactor;
        return c == null ? 0 : c.checkpoints();
    }

    /** How many journal files compaction deleted since the journal was opened. */
    public long deletedFileCount() {
        Compactor c = compactor;
        return c == null ? 0 : c.deletedFiles();
    }

    /** How many pending messages compaction copied forward since the journal was opened. */
    public long movedMessageCount() {
        Compactor c = compactor;
        return c == null ? 0 : c.movedMessages();
    }

    /** Messages read from a new place because compaction copied them forward; for tests. */
    int relocationCount() {
        return relocations.size();
    }

    /**
     * The body of the {@link MessageStored} record with that sequence in the document at that index.
     * Thread-safe; must not race with {@link #close()}.
     *
     * @throws IllegalStateException if there is no such document or it holds no such message
     */
    public byte[] readMessage(long documentIndex, long sequence) {
        checkOpen();
        Long moved = relocations.get(sequence);
        long index = moved != null ? moved : documentIndex;
        try {
            return readers.read(tailer -> readMessage(tailer, index, sequence));
        } catch (IllegalStateException e) {
            // Compaction may have moved it and deleted the old file between the look-up and the read.
            Long now = relocations.get(sequence);
            if (now == null || now == index) {
                throw e;
            }
            return readers.read(tailer -> readMessage(tailer, now, sequence));
        }
    }

    private byte[] readMessage(ExcerptTailer tailer, long documentIndex, long sequence) {
        byte[] body = readDocument(tailer, documentIndex,
                content -> RecordCodec.findMessage(documentIndex, content, sequence),
                () -> noMessage(documentIndex, sequence) + ": no such document");
        if (body == null) {
            throw new IllegalStateException(noMessage(documentIndex, sequence) + ": the document holds no such message");
        }
        return body;
    }

    /** Positions the tailer on that document and reads its content with {@code reader}; else throws {@code missing}. */
    private <T> T readDocument(ExcerptTailer tailer, long documentIndex, Function<Bytes<?>, T> reader,
                               Supplier<String> missing) {
        if (tailer.moveToIndex(documentIndex)) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (dc.isPresent() && dc.index() == documentIndex) {
                    return reader.apply(dc.wire().bytes());
                }
            }
        }
        throw new IllegalStateException(missing.get());
    }

    /**
     * The bodies of several messages of one document, read in one pass: {@code bodies[i]} gets the
     * body of {@code sequences[i]} (ascending), or stays null if this document does not hold it (moved
     * by compaction: {@link #readMessage} finds it). Thread-safe; must not race with {@link #close()}.
     *
     * @return how many were found
     * @throws IllegalStateException if there is no such document or it is damaged
     */
    public int readMessages(long documentIndex, long[] sequences, byte[][] bodies) {
        checkOpen();
        return readers.read(tailer -> readDocument(tailer, documentIndex,
                content -> RecordCodec.findMessages(documentIndex, content, sequences, bodies),
                () -> "No journal document " + RecordCodec.describe(documentIndex) + " in " + directory));
    }

    private String noMessage(long documentIndex, long sequence) {
        return "No message " + sequence + " in journal document " + RecordCodec.describe(documentIndex)
                + " of " + directory;
    }

    /** How many fsyncs the journal made (0 unless {@link SyncPolicy#FSYNC}); for tests and monitoring. */
    long syncCount() {
        return groupCommit == null ? 0 : groupCommit.syncs();
    }

    /** The highest index a completed fsync covers ({@code Long.MIN_VALUE} before the first); for tests. */
    long durableIndex() {
        return groupCommit == null ? Long.MIN_VALUE : groupCommit.durableIndex();
    }

    /** How many threads hold a reading tailer; for tests. */
    int readerCount() {
        return readers.size();
    }

    boolean isClosed() {
        return closed;
    }

    /** The journal's directory (absolute). */
    public Path directory() {
        return directory;
    }

    /** Closes the journal and every tailer it created. Idempotent. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            writeLock.unlock();
        }
        stopCompaction();
        try {
            readers.close();
            appender.close();
            queue.close();
            if (groupCommit != null) {
                groupCommit.close();
            }
        } catch (IOException e) {
            LOG.warn("Closing the journal in {}: {}", directory, e.toString());
        } finally {
            closeLock();
        }
        LOG.info("Journal closed in {}", directory);
    }

    private void stopCompaction() {
        if (compaction == null) {
            return;
        }
        compaction.shutdown();
        try {
            if (!compaction.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("Journal compaction in {} did not stop within 60 s", directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        compactor.close();
    }

    private void closeLock() {
        try {
            directoryLock.close();
        } catch (IOException e) {
            LOG.warn("Releasing the lock on {}: {}", directory, e.toString());
        }
    }
}
