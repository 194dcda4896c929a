package dev.tern.broker.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Refuses journal appends before the disk is full. Chronicle writes through memory-mapped files:
 * when a page of a sparse cycle file cannot get a disk block, the JVM gets SIGBUS (an
 * {@code InternalError} at best, a dead broker at worst) instead of an {@code IOException}. So the
 * journal keeps a reserve: a document with new messages is refused while the file system has less
 * than {@code minFreeBytes} usable, and any document while it has less than a quarter of that
 * (acknowledgements and delivery marks free space or need little, so they go on longer).
 *
 * <p>The usable space is asked of the file system (a {@code statfs}, about a microsecond) at most
 * every {@link #RECHECK_NANOS} or after {@code minFreeBytes / 16} appended bytes, whichever comes
 * first, so the check costs nothing measurable per append. Thread-safety: called under the
 * journal's write lock.
 */
public final class DiskSpaceGuard {

    static final long RECHECK_NANOS = 50_000_000L;

    private final long minFreeBytes;
    private LongSupplier usableSpace;
    private long lastCheck = Long.MIN_VALUE / 2;
    private long appendedSinceCheck;
    private long lastUsable = Long.MAX_VALUE;

    DiskSpaceGuard(long minFreeBytes, LongSupplier usableSpace) {
        this.minFreeBytes = minFreeBytes;
        this.usableSpace = usableSpace;
    }

    void probe(LongSupplier probe) {
        usableSpace = probe;
        lastCheck = Long.MIN_VALUE / 2;
    }

    static LongSupplier fileStoreOf(Path directory) {
        // Finding the file store reads the mount table (measured ~40x the statvfs behind
        // getUsableSpace, a millisecond-scale stall of the appending thread): found once, then asked.
        FileStore[] store = new FileStore[1];
        return () -> {
            try {
                if (store[0] == null) {
                    store[0] = Files.getFileStore(directory);
                }
                return store[0].getUsableSpace();
            } catch (IOException e) {
                store[0] = null; // found again next time
                return 0; // cannot tell: treat as full rather than risk SIGBUS
            }
        };
    }

    /**
     * @param bytes       about how many bytes the document takes
     * @param newMessages whether it stores messages (refused first)
     * @throws JournalFullException if the reserve would be used
     */
    void check(long bytes, boolean newMessages) {
        if (minFreeBytes <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastCheck >= RECHECK_NANOS || appendedSinceCheck + bytes >= minFreeBytes / 16
                || lastUsable - appendedSinceCheck - bytes < minFreeBytes) {
            lastUsable = usableSpace.getAsLong();
            lastCheck = now;
            appendedSinceCheck = 0;
        }
        long left = lastUsable - appendedSinceCheck - bytes;
        long floor = newMessages ? minFreeBytes : minFreeBytes / 4;
        if (left < floor) {
            throw new JournalFullException("The journal's file system has " + Math.max(0, lastUsable) / 1024
                    + " KiB usable, below the " + floor / 1024 + " KiB the broker keeps in reserve");
        }
        appendedSinceCheck += bytes;
    }

    /** The journal's disk is (nearly) full: nothing was written. */
    public static final class JournalFullException extends IllegalStateException {
        JournalFullException(String message) {
            super(message);
        }
    }
}
