package dev.tern.broker.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes appends durable for {@link SyncPolicy#FSYNC}, with group commit: an appender waiting for
 * its index either finds it already synced by another, or becomes the leader and forces
 * everything appended so far, for itself and for every appender that arrived meanwhile.
 *
 * <p>Why {@code FileChannel.force} on the cycle file rather than Chronicle's
 * {@code appender.sync()} with {@code SyncMode.SYNC}: {@code sync()} msyncs only the mapped chunk
 * the appender writes in (not the file's header with its write position, nor the index pages),
 * and it must run on the appender under the write lock, so every append would wait for the disk.
 * fsync of the file (on Linux it writes out pages dirtied through any mapping) covers the whole
 * file, runs outside the write lock while others keep appending, and costs the same here
 * (CHRONICLE.md: 2,742 msync/s vs 2,756 fsync/s). On a new cycle file the directory and
 * Chronicle's metadata file are forced too, so the new file itself survives a machine crash.
 * Only dirty pages are written: a few per batch (see DURABILITY.md for the measured costs).
 */
final class GroupCommit implements AutoCloseable {

    /** A slow disk's outliers must not make the gathering wait long. */
    private static final long MAX_GATHER_NANOS = 1_000_000;

    private final Path directory;
    private final ReentrantLock syncLock = new ReentrantLock();

    // What has been appended and not synced yet; guarded by appendLock (appenders report under the journal's write lock).
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition arrived = appendLock.newCondition();
    private long lastAppended = Long.MIN_VALUE;
    private Path currentFile;
    private final List<Path> filesToSync = new ArrayList<>();
    private boolean newFiles;
    private int waitingAppends; // appends since the last batch was taken whose appender waits for the fsync
    private int gatherFor; // how many such appends the leader gathers before forcing: see gatherAndTake()
    private long forceNanos = 1_000_000; // moving average of a force's duration

    // Guarded by syncLock (volatile for the fast path); the channel is used by the leader only.
    private final Condition synced = syncLock.newCondition();
    private boolean syncing;
    private Exception failure;
    private volatile long syncedIndex = Long.MIN_VALUE;
    private volatile long syncs;
    private FileChannel currentChannel;
    private Path currentChannelFile;

    GroupCommit(Path directory) {
        this.directory = directory;
    }

    /**
     * Called, in index order, for every appended document, with the cycle file it went to;
     * {@code willWait} if its appender is going to call {@link #awaitDurable}.
     */
    void appended(long index, Path cycleFile, boolean willWait) {
        appendLock.lock();
        try {
            lastAppended = index;
            if (!cycleFile.equals(currentFile)) {
                if (currentFile != null) {
                    filesToSync.add(currentFile); // its last documents and Chronicle's end-of-file marker
                }
                currentFile = cycleFile;
                newFiles = true;
            }
            if (willWait && ++waitingAppends == gatherFor) {
                arrived.signal();
            }
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Returns once the document with that index and all before it are on disk. The lock is held
     * only to elect a leader and to publish its result, never during the fsync, and waiters are
     * woken all at once: a {@code ReentrantLock} held across the fsync would hand itself to its
     * waiters one by one, and on a small machine the next leader would start before the others
     * had appended again (measured: ~2 appends per fsync with 16 threads instead of ~10).
     */
    void awaitDurable(long index) throws IOException {
        if (syncedIndex >= index) {
            return;
        }
        syncLock.lock();
        try {
            while (syncedIndex < index) {
                if (failure != null) {
                    // Never retry: after a failed fsync the kernel may have dropped the dirty pages.
                    throw new IOException("An earlier fsync of the journal failed", failure);
                }
                if (!syncing) {
                    lead();
                } else {
                    synced.awaitUninterruptibly();
                }
            }
        } finally {
            syncLock.unlock();
        }
    }

    /** Called with syncLock held; releases it during the fsync. */
    private void lead() throws IOException {
        syncing = true;
        long reached = syncedIndex;
        syncLock.unlock();
        try {
            Batch batch = gatherAndTake();
            long started = System.nanoTime();
            sync(batch);
            forced(batch, System.nanoTime() - started);
            reached = batch.lastIndex();
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            syncLock.lock();
            syncing = false;
            syncedIndex = Math.max(syncedIndex, reached);
            syncs++;
            synced.signalAll();
        }
    }

    /**
     * Waits, briefly, for the appenders the last fsync released to append again, then takes the
     * batch. Without it the leader forces as soon as the previous fsync ends, with only the
     * appenders that arrived during it: those it released are still on their way back (on two
     * cores, 16 threads take a few hundred microseconds), so they miss this fsync and the next
     * leader again takes only half: measured 7.7 appends per fsync with 16 producers. The wait
     * ends when as many appenders wait as took part in the last round (so a lone appender never
     * waits), or after half a force's duration if some of them stopped appending.
     */
    private Batch gatherAndTake() {
        appendLock.lock();
        try {
            long deadline = System.nanoTime() + forceNanos / 2;
            long left;
            while (waitingAppends < gatherFor && (left = deadline - System.nanoTime()) > 0) {
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // force without waiting further
        } finally {
            appendLock.unlock();
        }
        return takeBatch();
    }

    private Batch takeBatch() {
        appendLock.lock();
        try {
            Batch batch = new Batch(lastAppended, List.copyOf(filesToSync), currentFile, newFiles, waitingAppends);
            filesToSync.clear();
            newFiles = false;
            waitingAppends = 0;
            return batch;
        } finally {
            appendLock.unlock();
        }
    }

    /** After a force: this round's appenders (forced now, or arrived during the force) are the next round's. */
    private void forced(Batch batch, long nanos) {
        appendLock.lock();
        try {
            gatherFor = batch.waitingAppends() + waitingAppends;
            forceNanos += (Math.min(nanos, MAX_GATHER_NANOS * 2) - forceNanos) / 8;
        } finally {
            appendLock.unlock();
        }
    }

    /** The highest index a completed fsync covers: every document up to it is on disk. */
    long durableIndex() {
        return syncedIndex;
    }

    /** How many times the journal was forced to disk, for tests and monitoring. */
    long syncs() {
        return syncs;
    }

    private record Batch(long lastIndex, List<Path> rolledFiles, Path currentFile, boolean newFiles,
                         int waitingAppends) {
    }

    private void sync(Batch batch) throws IOException {
        for (Path file : batch.rolledFiles()) {
            Fsync.file(file);
        }
        currentChannel(batch.currentFile()).force(false);
        if (batch.newFiles()) {
            Path metadata = directory.resolve("metadata.cq4t");
            if (metadata.toFile().exists()) {
                Fsync.file(metadata);
            }
            Fsync.directory(directory);
        }
    }

    private FileChannel currentChannel(Path file) throws IOException {
        if (!file.equals(currentChannelFile)) {
            closeChannel();
            currentChannel = FileChannel.open(file, StandardOpenOption.WRITE);
            currentChannelFile = file;
        }
        return currentChannel;
    }

    private void closeChannel() throws IOException {
        if (currentChannel != null) {
            currentChannel.close();
            currentChannel = null;
            currentChannelFile = null;
        }
    }

    @Override
    public void close() throws IOException {
        syncLock.lock();
        try {
            while (syncing) {
                synced.awaitUninterruptibly();
            }
            closeChannel();
        } finally {
            syncLock.unlock();
        }
    }
}
