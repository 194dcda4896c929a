package dev.tern.broker.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In a fresh JVM without -D flags, Journal keeps Chronicle quiet before Chronicle starts. */
class ChronicleQuietTest {

    @Test
    void journalSilencesChronicleInAFreshJvm(@TempDir Path tmp) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        // A stray file Chronicle would load from the working directory, turning analytics back on.
        Files.writeString(work.resolve("system.properties"),
                "tern.test.stray=loaded\nchronicle.analytics.disable=false\n");

        Process child = ChildJvm.start(QuietChronicleChild.class, work, List.of("-Duser.home=" + home),
                tmp.resolve("journal").toString());
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not finish");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("records=1"), output);
        assertTrue(output.contains("analytics.disable=true"), output);
        assertTrue(output.contains("announcer.disable=true"), output);
        assertTrue(output.contains("stray=null"), "a stray system.properties was loaded:\n" + output);
        assertEquals(List.of(), chronicleFiles(home), output);
    }

    private static List<Path> chronicleFiles(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".chronicle")).toList();
        }
    }
}
