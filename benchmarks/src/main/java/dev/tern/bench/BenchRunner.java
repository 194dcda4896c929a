package dev.tern.bench;

import jakarta.jms.ConnectionFactory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs scenarios on every column, alternating providers: each repetition rotates the column order,
 * and every run gets a fresh broker in a fresh directory (its start is not measured).
 */
public final class BenchRunner {

    private final Size size;
    private final List<Transport> transports;
    private final List<Column> columns;
    private final PrintStream log;

    public BenchRunner(Size size, List<Transport> transports, List<Column> columns, PrintStream log) {
        this.size = size;
        this.transports = transports;
        this.columns = columns;
        this.log = log;
    }

    public Results run(List<Scenario> scenarios) throws Exception {
        Results results = new Results();
        Path root = Files.createTempDirectory("tern-bench");
        try {
            warmJvm(root);
            for (Transport transport : transports) {
                for (Scenario scenario : scenarios) {
                    for (int rep = 0; rep < size.repetitions(); rep++) {
                        for (Column column : rotated(selected(scenario), rep)) {
                            runOne(results, root.resolve(scenario.name() + "-" + transport + "-" + column + "-" + rep),
                                    scenario, transport, column, rep);
                        }
                    }
                }
            }
        } finally {
            DiskUsage.delete(root);
        }
        return results;
    }

    /** Scenarios whose paths the JVM warm-up compiles: sends, receives, transactions, topics. */
    private static final List<Scenario> JVM_WARMUP = List.of(Scenario.S1, Scenario.S2, Scenario.S3, Scenario.S4);

    /**
     * Unmeasured rounds of the common paths on every selected column before anything is measured, so no
     * provider's first measurements pay for the JIT compiling it (the same rounds for each provider).
     */
    private void warmJvm(Path root) {
        if (size.jvmWarmups() == 0) {
            return;
        }
        long start = System.nanoTime();
        for (int round = 0; round < size.jvmWarmups(); round++) {
            for (Transport transport : transports) {
                for (Scenario scenario : JVM_WARMUP) {
                    for (Column column : selected(scenario)) {
                        warmOnce(root.resolve("jvm-warmup-" + round + "-" + scenario.name() + "-" + transport + "-" + column),
                                scenario, transport, column);
                    }
                }
            }
        }
        log.printf("JVM warm-up: %d rounds in %.1f s%n", size.jvmWarmups(), (System.nanoTime() - start) / 1e9);
    }

    private void warmOnce(Path dir, Scenario scenario, Transport transport, Column column) {
        try (BrokerUnderTest broker = column.start(dir, transport == Transport.TCP)) {
            ConnectionFactory cf = broker.connectionFactory(transport);
            if (cf != null) {
                scenario.run(cf, broker, size, true);
            }
        } catch (Exception e) {
            log.printf("JVM warm-up of scenario %s %s %s failed (measured runs will report it): %s%n",
                    scenario.id(), transport.label(), column.label(), e);
        } finally {
            DiskUsage.delete(dir);
        }
    }

    private List<Column> selected(Scenario scenario) {
        List<Column> selected = new ArrayList<>(scenario.columns());
        selected.retainAll(columns);
        return selected;
    }

    static List<Column> rotated(List<Column> columns, int by) {
        List<Column> order = new ArrayList<>(columns.size());
        if (columns.isEmpty()) {
            return order;
        }
        for (int i = 0; i < columns.size(); i++) {
            order.add(columns.get((i + by) % columns.size()));
        }
        return order;
    }

    private void runOne(Results results, Path dir, Scenario scenario, Transport transport, Column column, int rep) {
        Results.Key key = new Results.Key(scenario, transport, column);
        try (BrokerUnderTest broker = column.start(dir, transport == Transport.TCP)) {
            ConnectionFactory cf = broker.connectionFactory(transport);
            if (cf == null) {
                results.notRun(key, broker.unavailable(transport));
                return;
            }
            if (!scenario.warmsUpItself()) {
                scenario.run(cf, broker, size, true);
            }
            Workloads.usedHeapAfterGc();
            Measurement m = scenario.run(cf, broker, size, false);
            results.add(key, m);
            log.printf("scenario %-3s %-12s %-16s rep %d: %s%n", scenario.id(), transport.label(), column.label(),
                    rep + 1, m);
        } catch (Exception e) {
            results.notRun(key, "failed: " + e);
            log.printf("scenario %-3s %-12s %-16s rep %d FAILED: %s%n", scenario.id(), transport.label(),
                    column.label(), rep + 1, e);
            e.printStackTrace(log);
        } finally {
            DiskUsage.delete(dir);
        }
    }
}
