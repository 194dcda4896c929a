package dev.tern.broker.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingTableTest {

    /** One pending message as the test sees it. */
    private record Row(long sequence, long document, int priority, long expiration, long deliveryTime, int size,
                       List<String> queues) {
    }

    private static List<Row> rows(PendingTable table) {
        List<Row> rows = new ArrayList<>();
        PendingTable.Cursor c = table.cursor();
        while (c.next()) {
            List<String> queues = new ArrayList<>();
            for (int i = 0; i < c.queueCount(); i++) {
                queues.add(c.queueKey(i));
            }
            rows.add(new Row(c.sequence(), c.documentIndex(), c.priority(), c.expiration(), c.deliveryTime(),
                    c.bodySize(), queues));
        }
        return rows;
    }

    private static List<Long> sequences(PendingTable table) {
        return rows(table).stream().map(Row::sequence).toList();
    }

    private static void add(PendingTable table, long sequence, String queue) {
        table.add(sequence, 1000 + sequence, 4, 0, 0, 100, queue);
    }

    @Test
    void iteratesInAscendingSequenceAcrossChunks() {
        PendingTable table = new PendingTable();
        int n = PendingTable.CHUNK * 3 + 7;
        for (long s = 1; s <= n; s++) {
            add(table, s, "q");
        }
        assertEquals(n, table.size());
        assertEquals(4, table.chunkCount());
        List<Long> seen = sequences(table);
        assertEquals(n, seen.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, seen.get(i));
        }
        assertTrue(table.contains(1));
        assertTrue(table.contains(n));
        assertFalse(table.contains(0));
        assertFalse(table.contains(n + 1));
    }

    @Test
    void aLateMessageGoesInPlaceEvenIntoAFullChunk() {
        PendingTable table = new PendingTable();
        for (long s = 2; s <= 2L * PendingTable.CHUNK * 2; s += 2) {
            add(table, s, "q");
        }
        add(table, 1, "q"); // before everything, into a full chunk
        add(table, 1001, "q"); // in the middle of the first chunk
        add(table, 2L * PendingTable.CHUNK + 1, "q"); // between two chunks
        List<Long> seen = sequences(table);
        List<Long> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, seen);
        assertEquals(2L * PendingTable.CHUNK + 3, table.size());
        assertTrue(table.contains(1001));
        assertThrows(IllegalStateException.class, () -> add(table, 1001, "q"));
    }

    @Test
    void slightlyLateArrivalsKeepTheChunksFull() {
        PendingTable table = new PendingTable();
        Random random = new Random(7);
        int n = 100 * PendingTable.CHUNK;
        List<Long> window = new ArrayList<>();
        for (long s = 1; s <= n; s++) {
            window.add(s);
            if (window.size() == 8 || s == n) { // four senders: each window of sequences lands shuffled
                java.util.Collections.shuffle(window, random);
                window.forEach(w -> add(table, w, "q"));
                window.clear();
            }
        }
        assertEquals(n, table.size());
        assertTrue(table.chunkCount() <= n / PendingTable.CHUNK + 2, "chunks: " + table.chunkCount());
        List<Long> seen = sequences(table);
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, seen.get(i));
        }
    }

    @Test
    void removingTheLastQueueRemovesTheMessageAndEmptyChunksGo() {
        PendingTable table = new PendingTable();
        for (long s = 1; s <= 3L * PendingTable.CHUNK; s++) {
            add(table, s, "q");
        }
        for (long s = 1; s <= 2L * PendingTable.CHUNK; s++) {
            assertTrue(table.removeQueue(s, "q"));
        }
        assertFalse(table.removeQueue(5, "q"));
        assertFalse(table.removeQueue(2L * PendingTable.CHUNK + 1, "other"));
        assertEquals(PendingTable.CHUNK, table.size());
        assertEquals(1, table.chunkCount());
        assertEquals(2L * PendingTable.CHUNK + 1, sequences(table).get(0));
        add(table, 5, "q"); // again, after its removal
        assertEquals(5, sequences(table).get(0));
    }

    @Test
    void scatteredRemovalsCompactAndMergeChunks() {
        PendingTable table = new PendingTable();
        int n = PendingTable.CHUNK * 8;
        for (long s = 1; s <= n; s++) {
            add(table, s, "q");
        }
        for (long s = 1; s <= n; s++) {
            if (s % 10 != 0) {
                table.removeQueue(s, "q");
            }
        }
        assertEquals(n / 10, table.size());
        assertTrue(table.chunkCount() <= 3, "chunks: " + table.chunkCount());
        List<Long> seen = sequences(table);
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(10L * (i + 1), seen.get(i));
        }
        // a late message into a compacted (shrunk) chunk
        add(table, 15, "q");
        assertEquals(List.of(10L, 15L, 20L), sequences(table).subList(0, 3));
    }

    @Test
    void aMessageOnSeveralQueuesStaysUntilItsLastQueueIsRemoved() {
        PendingTable table = new PendingTable();
        add(table, 1, "s:a");
        assertTrue(table.addQueue(1, "s:b"));
        assertTrue(table.addQueue(1, "s:c"));
        assertFalse(table.addQueue(1, "s:b"));
        assertFalse(table.addQueue(2, "s:b"));
        assertEquals(List.of("s:a", "s:b", "s:c"), rows(table).get(0).queues());
        assertTrue(table.holds(1, "s:b"));
        assertTrue(table.removeQueue(1, "s:b"));
        assertFalse(table.holds(1, "s:b"));
        assertEquals(List.of("s:a", "s:c"), rows(table).get(0).queues());
        assertTrue(table.removeQueue(1, "s:a"));
        assertEquals(List.of("s:c"), rows(table).get(0).queues());
        assertEquals(1, table.size());
        assertTrue(table.removeQueue(1, "s:c"));
        assertEquals(0, table.size());
        assertFalse(table.contains(1));
    }

    @Test
    void forgettingAQueueDropsItEverywhere() {
        PendingTable table = new PendingTable();
        for (long s = 1; s <= 2000; s++) {
            add(table, s, s % 2 == 0 ? "s:gone" : "q");
            if (s % 3 == 0) {
                table.addQueue(s, s % 2 == 0 ? "q" : "s:gone");
            }
        }
        table.forgetQueue("s:gone");
        table.forgetQueue("never-seen");
        for (Row row : rows(table)) {
            assertEquals(List.of("q"), row.queues());
            assertTrue(row.sequence() % 2 == 1 || row.sequence() % 3 == 0);
        }
        assertEquals(1000 + 333, table.size());
    }

    @Test
    void expirationAndDeliveryTimeAreKeptWhereSetAndZeroElsewhere() {
        PendingTable table = new PendingTable();
        for (long s = 1; s <= 3000; s++) {
            table.add(s, 7, (int) (s % 10), s % 500 == 0 ? 99_000 + s : 0, s % 700 == 0 ? 55_000 + s : 0,
                    (int) s, "q");
        }
        table.add(0, 7, 9, 0, 0, 1, "q"); // a late one, shifting the optional arrays
        for (long s = 1; s <= 3000; s += 2) {
            table.removeQueue(s, "q");
        }
        assertTrue(table.relocate(1400, 8));
        assertFalse(table.relocate(1401, 8));
        for (Row row : rows(table)) {
            long s = row.sequence();
            assertEquals(s > 0 && s % 500 == 0 ? 99_000 + s : 0, row.expiration(), "expiration of " + s);
            assertEquals(s > 0 && s % 700 == 0 ? 55_000 + s : 0, row.deliveryTime(), "delivery time of " + s);
            assertEquals(s == 0 ? 9 : s % 10, row.priority());
            assertEquals(s == 0 ? 1 : s, row.size());
            assertEquals(s == 1400 ? 8 : 7, row.document());
        }
    }

    @Test
    void chunksReusedUnderQueueLikeConsumptionKeepEveryField() {
        // Messages removed in order soon after they are added (backlog 0 to ~3000, over several chunks),
        // some with expiration or delivery time: emptied chunks come back and must not leak old fields.
        PendingTable table = new PendingTable();
        TreeMap<Long, Row> model = new TreeMap<>();
        Random random = new Random(7);
        long next = 1;
        for (int round = 0; round < 400; round++) {
            int adds = random.nextInt(round % 50 < 25 ? 600 : 40);
            for (int i = 0; i < adds; i++, next++) {
                long expiration = next % 3 == 0 ? 1_000 + next : 0;
                long deliveryTime = next % 5 == 0 ? 2_000 + next : 0;
                int priority = (int) (next % 10);
                table.add(next, 10 + next, priority, expiration, deliveryTime, (int) next, "q");
                model.put(next, new Row(next, 10 + next, priority, expiration, deliveryTime, (int) next,
                        List.of("q")));
            }
            int removes = random.nextInt(round % 50 < 25 ? 300 : 600);
            for (int i = 0; i < removes && !model.isEmpty(); i++) {
                // mostly in order; now and then one out of order (a rollback, a selector)
                long sequence = random.nextInt(10) == 0 ? model.lastKey() : model.firstKey();
                model.remove(sequence);
                assertTrue(table.removeQueue(sequence, "q"));
            }
            assertEquals(model.size(), table.size());
            assertEquals(new ArrayList<>(model.values()), rows(table), "after round " + round);
        }
    }

    @Test
    void addThenRemoveAllocatesOneChunkOnly() {
        PendingTable table = new PendingTable();
        for (long s = 1; s <= 100_000; s++) {
            table.add(s, s, 4, 0, 0, 1024, "q");
            if (s > 2) {
                assertTrue(table.removeQueue(s - 2, "q"));
            }
        }
        assertEquals(List.of(99_999L, 100_000L), sequences(table));
        assertEquals(1, table.fullLengthChunksMade());
    }

    @Test
    void behavesLikeASortedMapUnderRandomOperations() {
        for (long seed = 1; seed <= 5; seed++) {
            randomRun(new Random(seed));
        }
    }

    private static void randomRun(Random random) {
        PendingTable table = new PendingTable();
        TreeMap<Long, Row> model = new TreeMap<>();
        String[] queues = {"q:a", "q:b", "s:c", "s:d"};
        long next = 1;
        for (int op = 0; op < 60_000; op++) {
            int kind = random.nextInt(100);
            if (kind < 45) {
                long sequence = random.nextInt(20) == 0 ? Math.max(1, next - 1 - random.nextInt(3000)) : next++;
                if (model.containsKey(sequence)) {
                    continue;
                }
                long expiration = random.nextInt(8) == 0 ? random.nextLong(1, Long.MAX_VALUE) : 0;
                long deliveryTime = random.nextInt(8) == 0 ? random.nextLong(1, Long.MAX_VALUE) : 0;
                int priority = random.nextInt(10);
                int size = random.nextInt(5000);
                long document = random.nextLong(1, Long.MAX_VALUE);
                String queue = queues[random.nextInt(queues.length)];
                table.add(sequence, document, priority, expiration, deliveryTime, size, queue);
                model.put(sequence, new Row(sequence, document, priority, expiration, deliveryTime, size,
                        new ArrayList<>(List.of(queue))));
            } else if (kind < 50) {
                long sequence = random.nextLong(1, next + 1);
                String queue = queues[random.nextInt(queues.length)];
                Row row = model.get(sequence);
                boolean expected = row != null && !row.queues().contains(queue);
                if (expected) {
                    row.queues().add(queue);
                }
                assertEquals(expected, table.addQueue(sequence, queue));
            } else if (kind < 88) { // fewer removals than adds: the table grows over several chunks
                Long sequence = random.nextBoolean() ? model.ceilingKey(random.nextLong(1, next + 1))
                        : model.isEmpty() ? null : model.firstKey();
                if (sequence == null) {
                    continue;
                }
                Row row = model.get(sequence);
                String queue = random.nextInt(4) == 0 ? queues[random.nextInt(queues.length)] : row.queues().get(0);
                boolean expected = row.queues().remove(queue);
                if (row.queues().isEmpty()) {
                    model.remove(sequence);
                }
                assertEquals(expected, table.removeQueue(sequence, queue));
            } else if (kind < 97) {
                Long sequence = model.ceilingKey(random.nextLong(1, next + 1));
                if (sequence != null) {
                    Row row = model.get(sequence);
                    long document = random.nextLong(1, Long.MAX_VALUE);
                    model.put(sequence, new Row(sequence, document, row.priority(), row.expiration(),
                            row.deliveryTime(), row.size(), row.queues()));
                    assertTrue(table.relocate(sequence, document));
                }
            } else if (random.nextInt(20) == 0) {
                String queue = queues[random.nextInt(queues.length)];
                table.forgetQueue(queue);
                model.values().removeIf(row -> row.queues().remove(queue) && row.queues().isEmpty());
            }
            long probe = random.nextLong(1, next + 1);
            assertEquals(model.containsKey(probe), table.contains(probe));
            String queue = queues[random.nextInt(queues.length)];
            assertEquals(model.containsKey(probe) && model.get(probe).queues().contains(queue),
                    table.holds(probe, queue));
            assertEquals(model.size(), table.size());
            if (op % 1000 == 0) {
                assertEquals(new ArrayList<>(model.values()), rows(table), "after operation " + op);
            }
        }
        assertEquals(new ArrayList<>(model.values()), rows(table));
        for (Map.Entry<Long, Row> e : model.entrySet()) {
            assertTrue(table.contains(e.getKey()));
        }
    }
}
