package dev.tern.broker.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The small header file that says a directory holds a Tern journal and in which format, so that a
 * broker refuses a directory it cannot read instead of misreading it. Every document also starts
 * with its own format byte ({@link RecordCodec#DOCUMENT_FORMAT}), which leaves room for a later
 * version to read old documents next to new ones.
 */
final class JournalFormat {

    static final String HEADER_FILE = "tern-journal.properties";
    static final String FORMAT_NAME = "tern-journal";
    /** Bump when a broker of this version could not read what a newer one writes, or vice versa. */
    static final int VERSION = 1;

    private static final String KEY_FORMAT = "format";
    private static final String KEY_VERSION = "version";

    private JournalFormat() {
    }

    /**
     * Creates the directory and its header if the directory is new or empty; otherwise checks the
     * header.
     *
     * @throws IOException if the directory is not a Tern journal or has another format version
     */
    static void prepare(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path header = directory.resolve(HEADER_FILE);
        // a process killed while creating the header leaves only this behind; it is written again
        Files.deleteIfExists(directory.resolve(HEADER_FILE + ".tmp"));
        if (Files.exists(header)) {
            check(directory, header);
        } else if (isEmpty(directory)) {
            write(directory, header);
        } else {
            throw new IOException("Refusing to open " + directory + " as a Tern journal: it is not empty and has no "
                    + HEADER_FILE + " (not a Tern journal, or a damaged one)");
        }
    }

    private static void check(Path directory, Path header) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(header)) {
            props.load(in);
        }
        String format = props.getProperty(KEY_FORMAT);
        String version = props.getProperty(KEY_VERSION);
        if (!FORMAT_NAME.equals(format) || version == null) {
            throw new IOException("Refusing to open " + directory + " as a Tern journal: " + header
                    + " does not name the format " + FORMAT_NAME + " and a version (damaged?)");
        }
        if (!String.valueOf(VERSION).equals(version.trim())) {
            throw new IOException("Refusing to open " + directory + ": the journal has format version " + version.trim()
                    + ", this broker reads version " + VERSION);
        }
    }

    private static void write(Path directory, Path header) throws IOException {
        Properties props = new Properties();
        props.setProperty(KEY_FORMAT, FORMAT_NAME);
        props.setProperty(KEY_VERSION, String.valueOf(VERSION));
        Path tmp = directory.resolve(HEADER_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            props.store(out, "Tern journal: do not edit; the broker refuses a directory whose format it cannot read");
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, header, StandardCopyOption.ATOMIC_MOVE);
        Fsync.directory(directory);
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }
}
