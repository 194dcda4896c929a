package dev.tern.bench;

/**
 * How long and how much each scenario runs. Throughput runs stop at whichever comes first:
 * {@code maxMessages} sent or {@code measureMillis} elapsed, so slow columns (synced journals) and
 * fast ones take about the same wall time.
 *
 * @param repetitions   runs of every scenario and column; the report gives medians
 * @param warmupMillis  unmeasured traffic on each fresh broker before measuring
 * @param measureMillis measured sending time of a throughput run
 * @param maxMessages   most messages a throughput run sends
 * @param latencyRate   messages per second of scenario 5 (a rate every column sustains)
 * @param latencyMillis measured time of scenario 5
 * @param queues        queues of scenario 7
 * @param backlog       messages of scenario 8
 * @param jvmWarmups    rounds of unmeasured traffic on every provider before the first measurement, so that
 *                      the JIT compiles both providers' hot paths before either is measured (on 2 cores the
 *                      compiler threads otherwise take a large share of the first runs' CPU)
 */
public record Size(String name, int repetitions, long warmupMillis, long measureMillis, int maxMessages,
                   int latencyRate, long latencyMillis, int queues, int backlog, int jvmWarmups) {

    /** Seconds: shows the harness works (the default build's smoke test). */
    public static final Size SMOKE = new Size("smoke", 1, 100, 300, 500, 200, 500, 20, 500, 0);
    /** About a minute: for developing. */
    public static final Size DEV = new Size("dev", 1, 500, 1_500, 200_000, 100, 2_000, 500, 20_000, 1);
    /** Minutes on a 2-core machine: the documented run. */
    public static final Size BENCH = new Size("bench", 3, 1_000, 3_000, 500_000, 100, 5_000, 10_000, 100_000, 3);

    public static Size named(String name) {
        return switch (name) {
            case "smoke" -> SMOKE;
            case "dev" -> DEV;
            case "bench" -> BENCH;
            default -> throw new IllegalArgumentException("size must be smoke, dev or bench: " + name);
        };
    }

    public Size withRepetitions(int n) {
        return new Size(name, n, warmupMillis, measureMillis, maxMessages, latencyRate, latencyMillis, queues, backlog, jvmWarmups);
    }

    public Size withJvmWarmups(int n) {
        return new Size(name, repetitions, warmupMillis, measureMillis, maxMessages, latencyRate, latencyMillis, queues, backlog, n);
    }

    public Size withQueues(int n) {
        return new Size(name, repetitions, warmupMillis, measureMillis, maxMessages, latencyRate, latencyMillis, n, backlog, jvmWarmups);
    }

    public Size withBacklog(int n) {
        return new Size(name, repetitions, warmupMillis, measureMillis, maxMessages, latencyRate, latencyMillis, queues, n, jvmWarmups);
    }
}
