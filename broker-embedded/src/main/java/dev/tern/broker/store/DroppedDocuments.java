package dev.tern.broker.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The damaged documents a replay dropped from the journal's tail, remembered in
 * {@code tern-dropped-documents.txt} (one hex index a line), so that once new documents follow
 * them the next replay still skips them instead of taking them for damage in the middle.
 */
final class DroppedDocuments {

    static final String FILE = "tern-dropped-documents.txt";

    private final Path file;
    private final Set<Long> indexes;

    private DroppedDocuments(Path file, Set<Long> indexes) {
        this.file = file;
        this.indexes = indexes;
    }

    static DroppedDocuments load(Path directory) {
        Path file = directory.resolve(FILE);
        Set<Long> indexes = new HashSet<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("0x")) {
                        indexes.add(Long.parseUnsignedLong(trimmed.substring(2), 16));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return new DroppedDocuments(file, indexes);
    }

    boolean contains(long index) {
        return !indexes.isEmpty() && indexes.contains(index);
    }

    /** Remembers more dropped documents, durably, before anything is appended after them. */
    void add(List<Long> dropped) {
        StringBuilder lines = new StringBuilder();
        for (long index : dropped) {
            lines.append(RecordCodec.describe(index)).append('\n');
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            Fsync.directory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the dropped documents in " + file, e);
        }
        indexes.addAll(dropped);
    }
}
