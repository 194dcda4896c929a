package dev.tern.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the comparison and writes the report. Options:
 * <pre>
 *   --size=smoke|dev|bench   (default bench)      --reps=N        repetitions
 *   --scenarios=1,2,5,6a|none (default all)       --tcp           also over TCP loopback
 *   --no-jmh                 skip the JMH set     --queues=N      --backlog=N
 *   --columns=TERN,ARTEMIS   only these columns (default all: TERN, TERN_FSYNC, ARTEMIS, ARTEMIS_NOSYNC)
 *   --out=DIR                (default results)    --note=TEXT     a line for the report (e.g. load)
 *   --jvm-warmups=N          unmeasured rounds on every provider before measuring (default: the size's)
 * </pre>
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Size size = Size.BENCH;
        List<Scenario> scenarios = new ArrayList<>(List.of(Scenario.values()));
        boolean tcp = false;
        boolean jmh = true;
        Path out = Path.of("results");
        String note = "";
        Integer reps = null;
        Integer queues = null;
        Integer backlog = null;
        Integer jvmWarmups = null;
        List<Column> columns = List.of(Column.values());
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.startsWith("--size=")) {
                size = Size.named(value);
            } else if (arg.startsWith("--reps=")) {
                reps = Integer.parseInt(value);
            } else if (arg.startsWith("--scenarios=")) {
                scenarios.clear();
                for (String id : value.equals("none") ? new String[0] : value.split(",")) {
                    scenarios.add(Scenario.byId(id.trim()));
                }
            } else if (arg.startsWith("--columns=")) {
                columns = new ArrayList<>();
                for (String name : value.split(",")) {
                    columns.add(Column.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                }
            } else if (arg.equals("--tcp")) {
                tcp = true;
            } else if (arg.equals("--no-jmh")) {
                jmh = false;
            } else if (arg.startsWith("--queues=")) {
                queues = Integer.parseInt(value);
            } else if (arg.startsWith("--backlog=")) {
                backlog = Integer.parseInt(value);
            } else if (arg.startsWith("--jvm-warmups=")) {
                jvmWarmups = Integer.parseInt(value);
            } else if (arg.startsWith("--out=")) {
                out = Path.of(value);
            } else if (arg.startsWith("--note=")) {
                note = value;
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException("unknown option " + arg + " (see BenchMain's javadoc)");
            }
        }
        if (reps != null) {
            size = size.withRepetitions(reps);
        }
        if (queues != null) {
            size = size.withQueues(queues);
        }
        if (backlog != null) {
            size = size.withBacklog(backlog);
        }
        if (jvmWarmups != null) {
            size = size.withJvmWarmups(jvmWarmups);
        }
        Path report = run(size, scenarios, columns, tcp, jmh, out, note, System.out);
        System.out.println("Report written to " + report.toAbsolutePath());
        System.exit(0);
    }

    /** Runs everything asked for and writes {@code <out>/bench-<time>.md} and {@code <out>/latest.md}. */
    public static Path run(Size size, List<Scenario> scenarios, List<Column> columns, boolean tcp, boolean jmh,
                           Path out, String note, PrintStream log) throws Exception {
        String startLoad = loadAverage();
        ZonedDateTime started = ZonedDateTime.now();
        List<Transport> transports = tcp ? List.of(Transport.IN_VM, Transport.TCP) : List.of(Transport.IN_VM);
        Results results = new BenchRunner(size, transports, columns, log).run(scenarios);
        List<Report.MicroResult> micro = List.of();
        if (jmh) {
            boolean small = size.repetitions() < 2;
            micro = MicroBenchmarks.run(small ? 2 : 3, small ? 500 : 1000);
        }
        String environment = environment(started, startLoad, note, tcp);
        String markdown = new Report(results, scenarios, transports, size, environment, micro).markdown();
        Files.createDirectories(out);
        Path file = out.resolve("bench-" + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")) + "-"
                + size.name() + ".md");
        Files.writeString(file, markdown);
        Files.writeString(out.resolve("latest.md"), markdown);
        return file;
    }

    private static String environment(ZonedDateTime started, String startLoad, String note, boolean tcp) {
        Runtime rt = Runtime.getRuntime();
        StringBuilder env = new StringBuilder();
        env.append(String.format(Locale.ROOT, "- Run: %s to %s%n", started.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .substring(0, 16), ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME).substring(0, 5)));
        env.append("- Machine: ").append(cpuModel()).append(", ").append(rt.availableProcessors())
                .append(" cores visible to the JVM, ").append(memory()).append(", ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append('\n');
        env.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", heap max ")
                .append(rt.maxMemory() / 1048576).append(" MiB, ")
                .append(ManagementFactory.getGarbageCollectorMXBeans().get(0).getName()).append(" collector\n");
        env.append("- Artemis 2.56.0 embedded, journal ").append(ArtemisUnderTest.journalType())
                .append("; Tern ").append(BenchMain.class.getPackage().getImplementationVersion() == null
                        ? "from this source tree" : BenchMain.class.getPackage().getImplementationVersion()).append('\n');
        env.append("- Load average at start / end: ").append(startLoad).append(" / ").append(loadAverage()).append('\n');
        if (!tcp) {
            env.append("- TCP scenarios not run (`--tcp` not given).\n");
        }
        if (!note.isBlank()) {
            env.append("- Note: ").append(note).append('\n');
        }
        return env.toString();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.0f GiB RAM", kb / 1048576.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "RAM unknown";
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }
}
