package dev.tern.broker.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks the header of every Chronicle file of a journal before Chronicle opens them, because
 * Chronicle handles damaged files badly: a cycle file with a garbage header makes opening take
 * ~30 s and reading return nothing, and the first append then renames the file to
 * {@code *.discard} and starts afresh (silent loss of the journal); a damaged
 * {@code metadata.cq4t} fails after a 10 s wait with "Unable to claim exclusive lock".
 *
 * <p>A Chronicle file starts with a complete metadata document: a little-endian int header
 * (bit 31 not-complete, bit 30 metadata, low 30 bits the length) followed by a binary wire whose
 * first field is {@code header: !SCQStore} (cycle files) or {@code header: !STStore} (table store).
 */
final class ChronicleFileCheck {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChronicleFileCheck.class);

    static final String METADATA_FILE = "metadata.cq4t";

    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int META_DATA = 0x4000_0000;
    private static final int LENGTH_MASK = 0x3FFF_FFFF;
    private static final int PREFIX = 64;

    private ChronicleFileCheck() {
    }

    /** @throws IOException naming the first damaged file and what is wrong with it */
    static void checkAll(Path directory) throws IOException {
        List<Path> cycleFiles;
        try (Stream<Path> files = Files.list(directory)) {
            cycleFiles = files.filter(f -> f.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
        if (!cycleFiles.isEmpty() && setAsideIfNeverWritten(cycleFiles.get(cycleFiles.size() - 1))) {
            cycleFiles = cycleFiles.subList(0, cycleFiles.size() - 1);
        }
        for (int i = 0; i < cycleFiles.size(); i++) {
            boolean newest = i == cycleFiles.size() - 1;
            check(cycleFiles.get(i), "SCQStore", newest
                    ? "If the broker or machine crashed while creating this newest file, it holds no messages: "
                    + "move it away and restart"
                    : "It holds journal documents: restore it from a backup");
        }
        Path metadata = directory.resolve(METADATA_FILE);
        if (Files.exists(metadata) && !setAsideIfNeverWritten(metadata)) {
            check(metadata, "STStore", "Chronicle rebuilds this file from the cycle files if it is moved away");
        }
    }

    /**
     * A process killed while Chronicle created a file leaves it without its header (zeros, or the
     * header claimed as not complete with length 0): it holds
     * nothing (Chronicle writes the header before anything else), and Chronicle would refuse or
     * stall on it. Such a file is renamed to {@code *.never-written} and the journal opens without it
     * (Chronicle recreates the metadata file from the cycle files). Returns true if it did that.
     */
    private static boolean setAsideIfNeverWritten(Path file) throws IOException {
        if (!neverWritten(file)) {
            return false;
        }
        Path aside = file.resolveSibling(file.getFileName() + ".never-written");
        Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LOG.warn("TERN-J001 {} was never written (the process died while creating it): it holds nothing; "
                + "moved to {}", file, aside.getFileName());
        return true;
    }

    private static boolean neverWritten(Path file) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(4);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // read the header int, or as much as there is
            }
        }
        head.flip();
        if (head.remaining() == 4 && head.order(ByteOrder.LITTLE_ENDIAN).getInt(0) == NOT_COMPLETE) {
            return true; // Chronicle had claimed the header (not-complete, length 0) and died before writing it
        }
        while (head.hasRemaining()) {
            if (head.get() != 0) {
                return false;
            }
        }
        return true;
    }

    private static void check(Path file, String storeType, String hint) throws IOException {
        String problem = problem(file, storeType);
        if (problem != null) {
            throw new IOException("Refusing to open the journal in " + file.getParent() + ": " + file.getFileName()
                    + " is damaged (" + problem + "). " + hint + ".");
        }
    }

    /** What is wrong with the file's header, or null if it looks like a Chronicle store. */
    private static String problem(Path file, String storeType) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(PREFIX).order(ByteOrder.LITTLE_ENDIAN);
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            while (prefix.hasRemaining() && channel.read(prefix) >= 0) {
                // fill the prefix, or as much as the file has
            }
        }
        prefix.flip();
        if (prefix.remaining() < 4) {
            return "only " + size + " bytes";
        }
        int header = prefix.getInt(0);
        if (header == 0) {
            return "no header: the file was never written";
        }
        int length = header & LENGTH_MASK;
        if ((header & NOT_COMPLETE) != 0 || (header & META_DATA) == 0 || length < storeType.length()) {
            return "not a Chronicle header: 0x" + Integer.toHexString(header);
        }
        if (size < 4L + length) {
            return "cut short: " + size + " bytes, its header alone needs " + (4L + length);
        }
        byte[] start = new byte[prefix.remaining() - 4];
        prefix.position(4).get(start);
        if (!new String(start, StandardCharsets.ISO_8859_1).contains(storeType)) {
            return "its header is not a " + storeType;
        }
        return null;
    }
}
