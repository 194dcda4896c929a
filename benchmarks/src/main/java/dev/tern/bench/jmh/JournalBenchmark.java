package dev.tern.bench.jmh;

import dev.tern.broker.store.Enqueued;
import dev.tern.broker.store.Journal;
import dev.tern.broker.store.JournalOptions;
import dev.tern.broker.store.MessageStored;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tern's journal (memory-mapped, no fsync): one document per send (a 1 KiB message and its
 * enqueue), and reading a message body back by index as dispatch does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JournalBenchmark {

    private static final int READABLE = 100_000;

    private Path dir;
    private Journal journal;
    private byte[] body;
    private long sequence = READABLE;
    private long[] indexes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("jmh-journal");
        journal = Journal.open(dir, JournalOptions.defaults());
        body = new byte[1024];
        indexes = new long[READABLE];
        for (int i = 0; i < READABLE; i++) {
            indexes[i] = journal.append(List.of(new MessageStored(i, body), new Enqueued("q", i)));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        journal.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long append() {
        long s = sequence++;
        return journal.append(List.of(new MessageStored(s, body), new Enqueued("q", s)));
    }

    @Benchmark
    public byte[] readInOrder() {
        int i = next++ % READABLE;
        return journal.readMessage(indexes[i], i);
    }
}
