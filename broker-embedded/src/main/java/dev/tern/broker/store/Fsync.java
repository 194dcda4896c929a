package dev.tern.broker.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forcing files and directories to disk. */
final class Fsync {

    private Fsync() {
    }

    /** Forces a file's data and metadata to disk. */
    static void file(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Forces a directory's entries to disk, so that a newly created file survives a machine crash.
     * Some platforms (Windows) cannot open a directory; there the file system journals entries itself.
     */
    static void directory(Path directory) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException notSupported) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}
