package dev.tern.broker.store;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps the journal's disk use and replay bounded by what is pending, not by history. Runs on the
 * journal's compaction thread, every few hundred milliseconds:
 * <ol>
 *   <li><b>follows</b> the journal with its own tailer into a {@link JournalState} (the same rules
 *   as the broker's recovery), reading each document's fields in place ({@link RecordScanner}: no
 *   bodies, no record objects);</li>
 *   <li>when the journal has rolled to a new cycle file since the last checkpoint, or grew by
 *   {@link JournalOptions#checkpointBytes()}: <b>copies forward</b> the pending messages of old
 *   cycles where they are few (at most a quarter of that cycle's bytes, or 1 MiB; oldest cycle
 *   first, stopping at the first that does not qualify; a {@link MessageMoved} document each batch), so a handful of long-lived messages do not keep a whole file alive;</li>
 *   <li>forces the journal files written since the last checkpoint to disk, then <b>writes the
 *   checkpoint</b> ({@link Checkpoint}, atomically renamed): replay now starts there;</li>
 *   <li><b>deletes</b> the cycle files below both the checkpoint's position and the oldest pending
 *   body (a contiguous prefix: Chronicle's tailers are not trusted with holes), refreshes Chronicle's
 *   directory listing and closes the readers' tailers so the deleted files are unmapped.</li>
 * </ol>
 * A kill at any instant leaves either the old checkpoint (its files are all still there: they are
 * deleted only after the new one is durable) or the new one; copies forward are ordinary journal
 * documents that replay applies whichever checkpoint it starts from.
 */
final class Compactor {

    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
    private static final long MOVE_BATCH_BYTES = 256 << 10;
    private static final long MOVE_MAX_BYTES_PER_RUN = 64L << 20;
    /** Copy a cycle's pending messages forward when they are at most this fraction of its bytes. */
    private static final int MOVE_WHEN_LIVE_AT_MOST_ONE_IN = 4;
    /** ... or when they are this small anyway (a file holding little but long-lived messages). */
    private static final long MOVE_ALWAYS_BYTES = 1 << 20;

    private final Journal journal;
    private final SingleChronicleQueue queue;
    private final JournalState state;
    private final DroppedDocuments dropped;
    private final long checkpointBytes;
    private final RollingResourcesCache files;
    private ExcerptTailer tailer; // created and used on the compaction thread only
    private final RecordScanner scanner = new RecordScanner(); // reads no bodies: the state needs none
    private long checkpointPosition; // position of the last checkpoint written or loaded, -1 if none
    private long bytesSinceCheckpoint;
    private boolean failed;

    // Counters for tests and monitoring (read from other threads: volatile).
    private volatile long checkpoints;
    private volatile long deletedFiles;
    private volatile long movedMessages;

    Compactor(Journal journal, SingleChronicleQueue queue, JournalState state, DroppedDocuments dropped,
              long checkpointPosition, long checkpointBytes, long replayedBytes) {
        this.bytesSinceCheckpoint = replayedBytes;
        this.journal = journal;
        this.queue = queue;
        this.state = state;
        this.dropped = dropped;
        this.checkpointPosition = checkpointPosition;
        this.checkpointBytes = checkpointBytes;
        File dir = queue.file();
        this.files = new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
                name -> new File(dir, name + SingleChronicleQueue.SUFFIX), f -> {
                    String n = f.getName();
                    return n.substring(0, n.length() - SingleChronicleQueue.SUFFIX.length());
                });
    }

    /** One compaction step; never throws (a failure is logged and compaction stops). */
    void run() {
        if (failed) {
            return;
        }
        try {
            follow();
            if (checkpointDue()) {
                checkpoint();
            }
        } catch (IOException e) {
            if (journal.isClosed()) {
                return;
            }
            // e.g. no room for the checkpoint file: nothing is deleted this time, tried again next run
            LOG.warn("TERN-J011 journal compaction in {} could not write its checkpoint or delete old files: {};"
                    + " trying again", journal.directory(), e.toString());
        } catch (RuntimeException | Error e) {
            if (journal.isClosed()) {
                return; // the broker is stopping: the next start compacts again
            }
            failed = true;
            LOG.error("TERN-J010 journal compaction in {} failed and stops until the broker restarts (the journal"
                    + " keeps growing; nothing stored is affected)", journal.directory(), e);
        }
    }

    private int cycleOf(long index) {
        return queue.rollCycle().toCycle(index);
    }

    private void follow() {
        if (tailer == null) {
            tailer = queue.createTailer();
            tailer.singleThreadedCheckDisabled(true); // closed by Journal.close after this thread stopped
            long position = state.position;
            TailerStart.after(tailer, position,
                    () -> "Journal document " + RecordCodec.describe(position) + " to continue after is missing");
        }
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return;
                }
                long index = dc.index();
                if (dropped.contains(index)) {
                    continue;
                }
                int bytes = (int) dc.wire().bytes().readRemaining();
                state.beginDocument(index);
                scanner.scan(index, dc.wire().bytes(), state);
                state.endDocument(index, bytes, cycleOf(index));
                bytesSinceCheckpoint += bytes;
            }
        }
    }

    private boolean checkpointDue() {
        if (state.position < 0 || state.position == checkpointPosition) {
            return false;
        }
        if (bytesSinceCheckpoint >= checkpointBytes) {
            return true;
        }
        // the journal rolled since the last checkpoint (or since its first document): files may go
        long since = checkpointPosition >= 0 ? checkpointPosition : state.firstApplied;
        return since >= 0 && cycleOf(state.position) > cycleOf(since);
    }

    private void checkpoint() throws IOException {
        long started = System.nanoTime();
        int current = cycleOf(state.position);
        int moved = moveSparseCycles(current);
        forceJournal(current);
        long size = Checkpoint.write(journal.directory(), state);
        int previous = checkpointPosition < 0 ? Integer.MIN_VALUE : cycleOf(checkpointPosition);
        checkpointPosition = state.position;
        bytesSinceCheckpoint = 0;
        checkpoints++;
        int keep = Math.min(current, state.lowestLiveCycle(this::cycleOf));
        int deleted = deleteBelow(keep);
        journal.pruneRelocations(state.messages::contains);
        if (LOG.isDebugEnabled() || deleted > 0 && previous != Integer.MIN_VALUE) {
            LOG.debug("Journal checkpoint in {}: {} pending messages, {} bytes, {} moved forward, {} files deleted,"
                    + " {} ms", journal.directory(), state.messages.size(), size, moved, deleted,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Copies forward the pending messages of old cycles that hold few of them; returns how many. */
    private int moveSparseCycles(int current) {
        TreeMap<Integer, Long> live = state.liveBytesPerCycle(this::cycleOf);
        Set<Integer> sparse = new HashSet<>();
        long budget = MOVE_MAX_BYTES_PER_RUN;
        // Oldest first, and only while every older cycle could go too: files are deleted as a prefix.
        for (Map.Entry<Integer, Long> cycle : live.headMap(current).entrySet()) {
            long total = state.cycleBytes().getOrDefault(cycle.getKey(), 0L);
            long liveBytes = cycle.getValue();
            boolean worthIt = liveBytes * MOVE_WHEN_LIVE_AT_MOST_ONE_IN <= total || liveBytes <= MOVE_ALWAYS_BYTES;
            if (!worthIt || liveBytes > budget) {
                break;
            }
            sparse.add(cycle.getKey());
            budget -= liveBytes;
        }
        if (sparse.isEmpty()) {
            return 0;
        }
        List<long[]> toMove = state.messagesIn(sparse, this::cycleOf);
        toMove.sort((a, b) -> Long.compare(a[0], b[0]));
        int moved = 0;
        List<JournalRecord> batch = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        long batchBytes = 0;
        try {
            for (long[] message : toMove) {
                byte[] body = journal.readMessage(message[1], message[0]);
                batch.add(new MessageMoved(message[0], body));
                sequences.add(message[0]);
                batchBytes += body.length;
                if (batchBytes >= MOVE_BATCH_BYTES) {
                    moved += appendMoved(batch, sequences);
                    batchBytes = 0;
                }
            }
            moved += appendMoved(batch, sequences);
        } catch (DiskSpaceGuard.JournalFullException full) {
            LOG.debug("Journal compaction in {}: no room to copy messages forward ({})", journal.directory(),
                    full.getMessage());
        }
        movedMessages += moved;
        return moved;
    }

    private int appendMoved(List<JournalRecord> batch, List<Long> sequences) {
        if (batch.isEmpty()) {
            return 0;
        }
        long index = journal.append(batch);
        for (Long sequence : sequences) {
            state.relocate(sequence, index);
            journal.relocated(sequence, index);
        }
        int n = sequences.size();
        batch.clear();
        sequences.clear();
        return n;
    }

    /** Forces the cycle files written since the last checkpoint: the checkpoint may not get ahead of them. */
    private void forceJournal(int current) throws IOException {
        int from = checkpointPosition < 0 ? Integer.MIN_VALUE : Math.min(current, cycleOf(checkpointPosition));
        for (Map.Entry<Integer, Path> file : cycleFiles().entrySet()) {
            if (file.getKey() >= from) {
                Fsync.file(file.getValue());
            }
        }
    }

    /**
     * The cycle files in the directory by cycle. Listed here rather than through Chronicle's cached
     * listing, which fails on a listed file that is gone.
     */
    private TreeMap<Integer, Path> cycleFiles() throws IOException {
        TreeMap<Integer, Path> cycles = new TreeMap<>();
        try (java.util.stream.Stream<Path> list = Files.list(journal.directory())) {
            for (Path file : (Iterable<Path>) list::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(SingleChronicleQueue.SUFFIX)) {
                    continue;
                }
                try {
                    cycles.put(files.parseCount(name.substring(0, name.length() - SingleChronicleQueue.SUFFIX.length())),
                            file);
                } catch (RuntimeException notACycleFile) {
                    LOG.debug("Ignoring {} in the journal directory", name);
                }
            }
        }
        return cycles;
    }

    /** Deletes the cycle files below {@code keep}; returns how many. */
    private int deleteBelow(int keep) throws IOException {
        int deleted = 0;
        for (Path file : cycleFiles().headMap(keep).values()) {
            if (Files.deleteIfExists(file)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            queue.refreshDirectoryListing();
            journal.releaseReaders();
            state.forgetCyclesBelow(keep);
            deletedFiles += deleted;
        }
        return deleted;
    }

    void close() {
        if (tailer != null) {
            tailer.close();
        }
    }

    long checkpoints() {
        return checkpoints;
    }

    long deletedFiles() {
        return deletedFiles;
    }

    long movedMessages() {
        return movedMessages;
    }
}
