package dev.tern.broker.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PLACEHOLDER until branch {@code journal} lands: keeps documents in memory, per directory, for the
 * life of the JVM (so a broker restarted in the same JVM sees them again).
 */
public final class Journal implements AutoCloseable {

    private static final Map<Path, List<List<JournalRecord>>> DOCUMENTS = new ConcurrentHashMap<>();

    private final List<List<JournalRecord>> documents;
    private volatile boolean closed;

    private Journal(List<List<JournalRecord>> documents) {
        this.documents = documents;
    }

    public static Journal open(Path dir, JournalOptions opts) throws IOException {
        Files.createDirectories(dir);
        return new Journal(DOCUMENTS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ArrayList<>()));
    }

    public long append(List<JournalRecord> records) {
        if (closed) {
            throw new IllegalStateException("journal closed");
        }
        synchronized (documents) {
            documents.add(List.copyOf(records));
            return documents.size() - 1;
        }
    }

    public void replay(JournalVisitor visitor) {
        List<List<JournalRecord>> copy;
        synchronized (documents) {
            copy = new ArrayList<>(documents);
        }
        for (int i = 0; i < copy.size(); i++) {
            for (JournalRecord r : copy.get(i)) {
                visitor.onRecord(i, r);
            }
        }
    }

    public byte[] readMessage(long documentIndex, long sequence) {
        List<JournalRecord> document;
        synchronized (documents) {
            document = documents.get((int) documentIndex);
        }
        for (JournalRecord r : document) {
            if (r instanceof JournalRecord.MessageStored m && m.sequence() == sequence) {
                return m.message();
            }
        }
        throw new IllegalStateException("no message " + sequence + " in document " + documentIndex);
    }

    @Override
    public void close() {
        closed = true;
    }
}
