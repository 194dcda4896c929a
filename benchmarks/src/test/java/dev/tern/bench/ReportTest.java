package dev.tern.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    private static Results.Key key(Scenario s, Column c) {
        return new Results.Key(s, Transport.IN_VM, c);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        Results results = new Results();
        for (double v : new double[]{5, 1, 3}) {
            results.add(key(Scenario.S1, Column.TERN), new Measurement().put("msg/s", v));
        }
        for (double v : new double[]{4, 1, 3, 10}) {
            results.add(key(Scenario.S1, Column.ARTEMIS), new Measurement().put("msg/s", v));
        }
        assertEquals(3, results.median(key(Scenario.S1, Column.TERN), "msg/s").getAsDouble());
        assertEquals(3.5, results.median(key(Scenario.S1, Column.ARTEMIS), "msg/s").getAsDouble());
        assertTrue(results.median(key(Scenario.S2, Column.TERN), "msg/s").isEmpty());
    }

    @Test
    void ratioUsesArtemissBetterColumnForRatesAndCosts() {
        Results results = new Results();
        results.add(key(Scenario.S5, Column.TERN), new Measurement().put("msg/s", 1000).put("p99 µs", 50));
        results.add(key(Scenario.S5, Column.ARTEMIS), new Measurement().put("msg/s", 100).put("p99 µs", 200));
        results.add(key(Scenario.S5, Column.ARTEMIS_NOSYNC), new Measurement().put("msg/s", 250).put("p99 µs", 100));
        Report report = new Report(results, List.of(Scenario.S5), List.of(Transport.IN_VM), Size.SMOKE, "", List.of());

        assertEquals(4.0, report.ternOverBestArtemis(Scenario.S5, Transport.IN_VM,
                Metric.rate("msg/s", "")).getAsDouble(), 1e-9);
        assertEquals(0.5, report.ternOverBestArtemis(Scenario.S5, Transport.IN_VM,
                Metric.cost("p99 µs", "")).getAsDouble(), 1e-9);
    }

    @Test
    void columnOrderRotatesEachRepetition() {
        List<Column> columns = List.of(Column.TERN, Column.TERN_FSYNC, Column.ARTEMIS, Column.ARTEMIS_NOSYNC);
        assertEquals(columns, BenchRunner.rotated(columns, 0));
        assertEquals(List.of(Column.ARTEMIS, Column.ARTEMIS_NOSYNC, Column.TERN, Column.TERN_FSYNC),
                BenchRunner.rotated(columns, 2));
    }

    @Test
    void notRunCellsAreSaidSo() {
        Results results = new Results();
        results.notRun(new Results.Key(Scenario.S1, Transport.TCP, Column.TERN), TernUnderTest.NO_TCP);
        String md = new Report(results, List.of(Scenario.S1), List.of(Transport.TCP), Size.SMOKE, "", List.of())
                .markdown();
        assertTrue(md.contains("Tern default not run: " + TernUnderTest.NO_TCP), md);
    }
}
