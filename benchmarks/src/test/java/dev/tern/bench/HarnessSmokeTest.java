package dev.tern.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness itself works: a few scenarios at the smoke size on both providers write a report with
 * a figure in every cell. Asserts nothing about speed.
 */
class HarnessSmokeTest {

    @Test
    void smallRunOnBothProvidersWritesAReport(@TempDir Path out) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path file = BenchMain.run(Size.SMOKE, List.of(Scenario.S1, Scenario.S2, Scenario.S6A, Scenario.S8),
                List.of(Column.values()), false, false, out, "smoke test", new PrintStream(log, true, StandardCharsets.UTF_8));

        String report = Files.readString(file);
        String runLog = log.toString(StandardCharsets.UTF_8);
        assertFalse(runLog.contains("FAILED"), runLog);
        assertTrue(report.contains("### Scenario 1: queue 1→1, persistent, 1 KiB, AUTO_ACK"), report);
        assertTrue(report.contains("| Tern default | Tern fsync | Artemis default | Artemis sync off |"), report);
        assertTrue(report.contains("### Scenario 8: deep backlog"), report);
        assertTrue(report.contains("## Targets of issue 6"), report);
        for (String line : report.split("\n")) {
            if (line.startsWith("| msg/s |") || line.startsWith("| send msg/s |") || line.startsWith("| drain msg/s |")) {
                assertFalse(line.contains("—"), "a cell without a figure: " + line);
            }
        }
        assertTrue(Files.exists(out.resolve("latest.md")));
    }

    @Test
    void jvmWarmUpRunsEveryProviderBeforeTheFirstMeasurement(@TempDir Path out) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BenchMain.run(Size.SMOKE.withJvmWarmups(1), List.of(Scenario.S2), List.of(Column.TERN, Column.ARTEMIS),
                false, false, out, "warm-up test", new PrintStream(log, true, StandardCharsets.UTF_8));

        String runLog = log.toString(StandardCharsets.UTF_8);
        assertFalse(runLog.contains("failed"), runLog);
        int warmedUp = runLog.indexOf("JVM warm-up: 1 rounds");
        int firstMeasured = runLog.indexOf("scenario 2");
        assertTrue(warmedUp >= 0 && firstMeasured > warmedUp, runLog);
    }
}
