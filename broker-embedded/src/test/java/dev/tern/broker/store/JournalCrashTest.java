package dev.tern.broker.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A broker killed with kill -9 while appending leaves a journal of whole documents, without gaps. */
class JournalCrashTest {

    @Test
    void killedWhileAppendingLeavesAGapFreePrefixOfWholeDocuments(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("journal");
        Files.createDirectories(dir);
        Process child = ChildJvm.start(CrashingAppender.class, tmp, List.of(), dir.toString());
        try {
            awaitLine(child, "APPENDING");
            Thread.sleep(300);
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }

        long documents = checkJournal(dir, -1);
        assertTrue(documents > 2_000, "only " + documents + " documents");

        // The recovered journal takes appends again, and keeps them.
        long next;
        try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
            next = journal.append(CrashingAppender.document(documents));
        }
        assertEquals(documents + 1, checkJournal(dir, next));
    }

    @Test
    void aDocumentCutShortByAKillIsNotReplayedAndAppendsContinue(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("journal");
        Files.createDirectories(dir);
        Process child = ChildJvm.start(CrashingAppender.class, tmp, List.of(), dir.toString(), "half");
        try {
            awaitLine(child, "HALF");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertEquals(100, checkJournal(dir, -1));
        long start = System.nanoTime();
        long next;
        try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
            next = journal.append(CrashingAppender.document(100)); // Chronicle force-unlocks the dead writer's lock
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "recovery took too long");
        assertEquals(101, checkJournal(dir, next));
    }

    /** Checks that document k holds exactly the records of CrashingAppender.document(k); returns the count. */
    private static long checkJournal(Path dir, long expectedLastIndex) throws Exception {
        Map<Long, List<JournalRecord>> documents = new LinkedHashMap<>();
        try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
            journal.replay((index, record) -> documents.computeIfAbsent(index, i -> new ArrayList<>()).add(record));
            long n = 0;
            long lastIndex = -1;
            for (Map.Entry<Long, List<JournalRecord>> document : documents.entrySet()) {
                assertEquals(CrashingAppender.document(n), document.getValue(), "document " + n);
                if (n % 500 == 0) {
                    assertTrue(java.util.Arrays.equals(CrashingAppender.body(n), journal.readMessage(document.getKey(), n)));
                }
                lastIndex = document.getKey();
                n++;
            }
            if (expectedLastIndex >= 0) {
                assertEquals(expectedLastIndex, lastIndex);
            }
            return n;
        }
    }

    private static void awaitLine(Process child, String expected) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.contains(expected)) {
                return;
            }
            seen.append(line).append('\n');
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        fail("child never printed " + expected + ":\n" + seen);
    }
}
