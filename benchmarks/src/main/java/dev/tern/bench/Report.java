package dev.tern.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The Markdown report of a run: columns and promises, a table per scenario, targets, JMH figures. */
public final class Report {

    private final Results results;
    private final List<Scenario> scenarios;
    private final List<Transport> transports;
    private final Size size;
    private final String environment;
    private final List<MicroResult> micro;

    /** One JMH figure: benchmark, score and unit, allocated bytes per operation. */
    public record MicroResult(String benchmark, String params, double score, String unit, double allocPerOp) {
    }

    public Report(Results results, List<Scenario> scenarios, List<Transport> transports, Size size,
                  String environment, List<MicroResult> micro) {
        this.results = results;
        this.scenarios = scenarios;
        this.transports = transports;
        this.size = size;
        this.environment = environment;
        this.micro = micro;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Tern vs Artemis: benchmark report\n\n");
        md.append(environment).append('\n');
        md.append(String.format(Locale.ROOT, "Size `%s`: %d repetitions per cell, providers alternating (column order "
                        + "rotated each repetition), %d unmeasured rounds of scenarios 1-4 on every column before "
                        + "the first measurement (JIT warm-up), a fresh broker and journal per run, %d ms warm-up then %d ms "
                        + "of sending (at most %,d messages) per throughput run; latency at %d msg/s for %d ms; "
                        + "%,d queues in scenario 7; a backlog of %,d in scenario 8. Figures are medians.%n%n",
                size.name(), size.repetitions(), size.jvmWarmups(), size.warmupMillis(), size.measureMillis(), size.maxMessages(),
                size.latencyRate(), size.latencyMillis(), size.queues(), size.backlog()));
        md.append("## Columns and what a sent message survives\n\n| column | survives |\n|---|---|\n");
        for (Column c : Column.values()) {
            md.append("| ").append(c.label()).append(" | ").append(c.survives()).append(" |\n");
        }
        md.append("\nLike for like: *Tern fsync* vs *Artemis default* (both survive power loss); *Tern default* "
                + "vs *Artemis sync off* (Tern's promise is the stronger one: nothing acknowledged is lost in a "
                + "process crash). The ratio `T/A best` is Tern default over Artemis's faster column (the issue's "
                + "targets); `TF/A` is Tern fsync over Artemis default. For latency, heap and disk lower is "
                + "better, so a ratio below 1 favours Tern.\n\n");
        for (Transport transport : transports) {
            md.append("## ").append(transport.label()).append("\n\n");
            for (Scenario scenario : scenarios) {
                scenarioTable(md, scenario, transport);
            }
        }
        targets(md);
        if (!micro.isEmpty()) {
            md.append("## JMH micro-benchmarks (`-prof gc`)\n\n| benchmark | params | score | unit | allocated B/op |\n"
                    + "|---|---|---:|---|---:|\n");
            for (MicroResult r : micro) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", r.benchmark(), r.params(),
                        fmt(r.score()), r.unit(), Double.isNaN(r.allocPerOp()) ? "—" : fmt(r.allocPerOp())));
            }
            md.append('\n');
        }
        rawAppendix(md);
        return md.toString();
    }

    private void scenarioTable(StringBuilder md, Scenario scenario, Transport transport) {
        md.append("### Scenario ").append(scenario.id()).append(": ").append(scenario.title()).append("\n\n");
        List<Column> columns = scenario.columns();
        boolean bestRatio = columns.contains(Column.TERN);
        boolean fsyncRatio = columns.contains(Column.TERN_FSYNC) && columns.contains(Column.ARTEMIS);
        md.append("| metric |");
        columns.forEach(c -> md.append(' ').append(c.label()).append(" |"));
        md.append(bestRatio ? " T/A best |" : "").append(fsyncRatio ? " TF/A |" : "").append("\n|---|");
        columns.forEach(c -> md.append("---:|"));
        md.append(bestRatio ? "---:|" : "").append(fsyncRatio ? "---:|" : "").append('\n');
        for (Metric metric : scenario.metrics()) {
            md.append("| ").append(metric.name()).append(" |");
            for (Column c : columns) {
                md.append(' ').append(cell(new Results.Key(scenario, transport, c), metric.name())).append(" |");
            }
            if (bestRatio) {
                md.append(' ').append(ratioText(ternOverBestArtemis(scenario, transport, metric))).append(" |");
            }
            if (fsyncRatio) {
                md.append(' ').append(ratioText(ratio(scenario, transport, metric.name(), Column.TERN_FSYNC,
                        Column.ARTEMIS))).append(" |");
            }
            md.append('\n');
        }
        List<String> notes = new ArrayList<>();
        for (Column c : columns) {
            Results.Key key = new Results.Key(scenario, transport, c);
            if (results.notRunReason(key) != null) {
                notes.add(c.label() + " not run: " + results.notRunReason(key));
            }
            if (results.anyIncomplete(key)) {
                notes.add(c.label() + ": some run did not deliver everything within its time limit "
                        + "(the rate counts what arrived)");
            }
        }
        for (String note : notes) {
            md.append("\n- ").append(note);
        }
        md.append("\n\n");
    }

    private String cell(Results.Key key, String metric) {
        OptionalDouble median = results.median(key, metric);
        return median.isPresent() ? fmt(median.getAsDouble()) : "—";
    }

    /** Tern default over Artemis's better column for this metric (higher rate, or lower cost). */
    OptionalDouble ternOverBestArtemis(Scenario scenario, Transport transport, Metric metric) {
        OptionalDouble tern = results.median(new Results.Key(scenario, transport, Column.TERN), metric.name());
        if (scenario.columns().contains(Column.TERN_FSYNC) && !scenario.columns().contains(Column.TERN)) {
            return OptionalDouble.empty();
        }
        OptionalDouble best = OptionalDouble.empty();
        for (Column c : List.of(Column.ARTEMIS, Column.ARTEMIS_NOSYNC)) {
            OptionalDouble v = results.median(new Results.Key(scenario, transport, c), metric.name());
            if (v.isPresent() && (best.isEmpty() || (metric.higherIsBetter()
                    ? v.getAsDouble() > best.getAsDouble() : v.getAsDouble() < best.getAsDouble()))) {
                best = v;
            }
        }
        return divide(tern, best);
    }

    OptionalDouble ratio(Scenario scenario, Transport transport, String metric, Column top, Column bottom) {
        return divide(results.median(new Results.Key(scenario, transport, top), metric),
                results.median(new Results.Key(scenario, transport, bottom), metric));
    }

    private static OptionalDouble divide(OptionalDouble a, OptionalDouble b) {
        if (a.isEmpty() || b.isEmpty() || b.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(a.getAsDouble() / b.getAsDouble());
    }

    private static String ratioText(OptionalDouble r) {
        if (r.isEmpty()) {
            return "—";
        }
        return String.format(Locale.ROOT, r.getAsDouble() < 0.1 ? "%.4fx" : "%.2fx", r.getAsDouble());
    }

    private void targets(StringBuilder md) {
        md.append("## Targets of issue 6\n\n| target | measured | met |\n|---|---:|---|\n");
        for (Scenario s : List.of(Scenario.S1, Scenario.S2, Scenario.S3, Scenario.S4, Scenario.S7)) {
            if (scenarios.contains(s)) {
                target(md, "in-VM scenario " + s.id() + ": Tern default ≥ 10x Artemis's faster column",
                        ternOverBestArtemis(s, Transport.IN_VM, s.metrics().get(0)), 10, true, "x");
            }
        }
        if (scenarios.contains(Scenario.S1)) {
            target(md, "in-VM scenario 1: Tern default ≥ 250,000 msg/s",
                    results.median(new Results.Key(Scenario.S1, Transport.IN_VM, Column.TERN), "msg/s"), 250_000, true, "");
        }
        if (transports.contains(Transport.TCP)) {
            for (Scenario s : List.of(Scenario.S1, Scenario.S2, Scenario.S3, Scenario.S4)) {
                if (scenarios.contains(s)) {
                    target(md, "TCP scenario " + s.id() + ": Tern default ≥ 3x Artemis's faster column",
                            ternOverBestArtemis(s, Transport.TCP, s.metrics().get(0)), 3, true, "x");
                }
            }
        }
        if (scenarios.contains(Scenario.S6B)) {
            target(md, "scenario 6, 16 producers: Tern fsync ≥ 5x Artemis default",
                    ratio(Scenario.S6B, Transport.IN_VM, "send msg/s", Column.TERN_FSYNC, Column.ARTEMIS), 5, true, "x");
        }
        if (scenarios.contains(Scenario.S5)) {
            target(md, "scenario 5: Tern default p99 below Artemis's better p99 (ratio < 1)",
                    ternOverBestArtemis(Scenario.S5, Transport.IN_VM, Scenario.S5.metrics().get(1)), 1, false, "x");
            target(md, "scenario 5: Tern fsync p99 below Artemis default p99 (ratio < 1)",
                    ratio(Scenario.S5, Transport.IN_VM, "p99 µs", Column.TERN_FSYNC, Column.ARTEMIS), 1, false, "x");
        }
        if (scenarios.contains(Scenario.S1)) {
            target(md, "in-VM send+receive: Tern default < 200 allocated bytes per message (scenario 1, all threads)",
                    results.median(new Results.Key(Scenario.S1, Transport.IN_VM, Column.TERN), "alloc B/msg"), 200, false, "");
        }
        if (scenarios.contains(Scenario.S1) && scenarios.contains(Scenario.S7)) {
            target(md, "scenario 7 within 20% of scenario 1 (Tern default, ratio ≥ 0.8)",
                    divide(results.median(new Results.Key(Scenario.S7, Transport.IN_VM, Column.TERN), "msg/s"),
                            results.median(new Results.Key(Scenario.S1, Transport.IN_VM, Column.TERN), "msg/s")),
                    0.8, true, "x");
        }
        md.append('\n');
    }

    private static void target(StringBuilder md, String what, OptionalDouble measured, double bound,
                               boolean atLeast, String suffix) {
        String value = measured.isPresent()
                ? (suffix.isEmpty() ? fmt(measured.getAsDouble()) : String.format(Locale.ROOT, "%.2f%s",
                measured.getAsDouble(), suffix))
                : "—";
        String met = measured.isEmpty() ? "not measured"
                : (atLeast ? measured.getAsDouble() >= bound : measured.getAsDouble() < bound) ? "yes" : "**no**";
        md.append("| ").append(what).append(" | ").append(value).append(" | ").append(met).append(" |\n");
    }

    private void rawAppendix(StringBuilder md) {
        md.append("## Every repetition (run order)\n\n| scenario | transport | column | metric | values |\n"
                + "|---|---|---|---|---|\n");
        for (Transport transport : transports) {
            for (Scenario scenario : scenarios) {
                for (Column column : scenario.columns()) {
                    Results.Key key = new Results.Key(scenario, transport, column);
                    for (Metric metric : scenario.metrics()) {
                        double[] values = results.all(key, metric.name());
                        if (values.length == 0) {
                            continue;
                        }
                        StringBuilder v = new StringBuilder();
                        for (double d : values) {
                            v.append(v.length() == 0 ? "" : ", ").append(fmt(d));
                        }
                        md.append("| ").append(scenario.id()).append(" | ").append(transport.label()).append(" | ")
                                .append(column.label()).append(" | ").append(metric.name()).append(" | ")
                                .append(v).append(" |\n");
                    }
                }
            }
        }
        md.append('\n');
    }

    static String fmt(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
