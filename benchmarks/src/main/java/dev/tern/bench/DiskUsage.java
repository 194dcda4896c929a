package dev.tern.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Sizes and removal of a broker's scratch directory. */
final class DiskUsage {

    private DiskUsage() {
    }

    /** Allocated bytes of the files under {@code dir} (sparse memory-mapped files count as written). */
    static long bytes(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(DiskUsage::allocated).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long allocated(Path file) {
        try {
            Object blocks = Files.getAttribute(file, "unix:blocks");
            if (blocks instanceof Long b) {
                return b * 512;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // not a unix file system: fall back to the apparent size
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still mapped: left for the OS to clean up with the temp directory
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
