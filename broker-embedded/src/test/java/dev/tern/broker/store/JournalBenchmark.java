package dev.tern.broker.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rough throughput of the journal, printed, not asserted (not a test: run it by hand, with the
 * Chronicle JVM flags). Argument: a scratch directory (default: a temp directory).
 */
public final class JournalBenchmark {

    private static final int BODY = 1024;

    private JournalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("journal-bench");
        int run = 0;
        for (SyncPolicy policy : SyncPolicy.values()) {
            for (int threads : new int[]{1, 4, 16}) {
                Path dir = root.resolve("run" + run++);
                appends(dir, policy, threads, 2_000);
            }
        }
        readRates(root.resolve("reads"));
    }

    private static void appends(Path dir, SyncPolicy policy, int threads, long millis) throws Exception {
        try (Journal journal = Journal.open(dir, JournalOptions.defaults().withSyncPolicy(policy))) {
            byte[] body = new byte[BODY];
            AtomicLong count = new AtomicLong();
            long warmUpEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            long end = warmUpEnd + TimeUnit.MILLISECONDS.toNanos(millis);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long base = t * 1_000_000_000L;
                Thread worker = new Thread(() -> {
                    for (long i = 0; System.nanoTime() < end; i++) {
                        journal.append(List.of(new MessageStored(base + i, body), new Enqueued("q", base + i)));
                        if (System.nanoTime() > warmUpEnd) {
                            count.incrementAndGet();
                        }
                    }
                });
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            long syncs = journal.syncCount();
            System.out.printf("%-13s %2d threads: %,10.0f appends/s (1 KiB message + enqueue per document)%s%n",
                    policy, threads, count.get() * 1000.0 / millis,
                    syncs == 0 ? "" : String.format(", %,d fsyncs, %.1f appends per fsync", syncs,
                            (double) count.get() / syncs));
        }
    }

    private static void readRates(Path dir) throws Exception {
        int documents = 200_000;
        try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
            long[] indexes = new long[documents];
            byte[] body = new byte[BODY];
            for (int i = 0; i < documents; i++) {
                indexes[i] = journal.append(List.of(new MessageStored(i, body), new Enqueued("q", i)));
            }
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < documents; i++) {
                    journal.readMessage(indexes[i], i);
                }
                report("readMessage in order", documents, start);
                start = System.nanoTime();
                for (int i = 0; i < documents; i++) {
                    int d = ThreadLocalRandom.current().nextInt(documents);
                    journal.readMessage(indexes[d], d);
                }
                report("readMessage at random", documents, start);
                start = System.nanoTime();
                long[] seen = new long[1];
                journal.replay((index, record) -> seen[0]++);
                report("replay (records)", seen[0], start);
            }
        }
    }

    private static void report(String what, long operations, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-22s %,10.0f /s%n", what, operations / seconds);
    }
}
