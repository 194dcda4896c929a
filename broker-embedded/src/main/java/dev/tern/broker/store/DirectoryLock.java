package dev.tern.broker.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a journal directory, so that two brokers (in two processes or in one JVM)
 * never append to the same journal. The operating system releases it when the process dies,
 * {@code kill -9} included.
 */
final class DirectoryLock implements AutoCloseable {

    static final String LOCK_FILE = "tern-journal.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path directory) throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("The journal in " + directory + " is in use by another process");
            }
            return new DirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("The journal in " + directory + " is already open in this JVM", e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
