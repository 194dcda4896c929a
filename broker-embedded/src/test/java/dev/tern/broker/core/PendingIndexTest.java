package dev.tern.broker.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingIndexTest {

    private static final Comparator<StoredMessage> ORDER = Comparator
            .comparingInt((StoredMessage m) -> -m.priority()).thenComparingLong(StoredMessage::sequence);

    private static StoredMessage journalled(long sequence, int priority) {
        return new StoredMessage(sequence, sequence * 10, null, priority, 0, 0);
    }

    private static List<Long> order(PendingIndex index) {
        List<Long> result = new ArrayList<>();
        for (StoredMessage m : index.messages()) {
            result.add(m.sequence());
        }
        return result;
    }

    private static QueueEntry takeFirst(PendingIndex index) {
        PendingIndex.Cursor cursor = index.cursor();
        return cursor.next() ? cursor.remove() : null;
    }

    @Test
    void aConsumerKeepingUpReusesTheLaneChunkAndKeepsEveryField() {
        // Backlog between 0 and a few messages: the lone chunk empties, comes back, slides its slots down.
        PendingIndex index = new PendingIndex();
        Random random = new Random(3);
        java.util.ArrayDeque<StoredMessage> model = new java.util.ArrayDeque<>();
        PendingChunk first = null;
        for (long seq = 1; seq <= 20_000; seq++) {
            byte[] body = seq % 3 == 0 ? new byte[] {(byte) seq} : null;
            StoredMessage m = new StoredMessage(seq, body == null ? seq * 10 : StoredMessage.NOT_JOURNALLED, body, 4,
                    seq % 4 == 0 ? 1_000_000 + seq : 0, 0);
            index.add(m, 0);
            model.add(m);
            if (first == null) {
                first = index.laneChunks(4).get(0);
            }
            int take = model.size() > 6 ? model.size() : Math.min(model.size(), random.nextInt(3));
            for (int i = 0; i < take; i++) {
                StoredMessage expected = model.poll();
                QueueEntry entry = takeFirst(index);
                assertEquals(expected.sequence(), entry.sequence());
                assertEquals(expected.documentIndex(), entry.message.documentIndex());
                assertEquals(expected.expiration(), entry.message.expiration());
                assertArrayEquals(expected.body(), entry.message.body());
            }
            assertEquals(model.size(), index.size());
        }
        while (!model.isEmpty()) {
            assertEquals(model.poll().sequence(), takeFirst(index).sequence());
        }
        assertNull(takeFirst(index));
        index.add(journalled(20_001, 4), 0);
        assertSame(first, index.laneChunks(4).get(0), "the emptied chunk is reused");
    }

    @Test
    void priorityThenSequenceAcrossChunkBoundaries() {
        PendingIndex index = new PendingIndex();
        int n = 5 * PendingChunk.MAX_LENGTH + 7;
        for (long seq = 1; seq <= n; seq++) {
            index.add(journalled(seq, (int) (seq % 3) * 4), 0);
        }
        assertEquals(n, index.size());
        List<Long> expected = new ArrayList<>();
        for (int priority : new int[] {8, 4, 0}) {
            for (long seq = 1; seq <= n; seq++) {
                if ((seq % 3) * 4 == priority) {
                    expected.add(seq);
                }
            }
        }
        assertEquals(expected, order(index));
        for (long expectedSeq : expected) {
            QueueEntry entry = takeFirst(index);
            assertEquals(expectedSeq, entry.sequence());
            assertEquals(expectedSeq * 10, entry.message.documentIndex());
            assertEquals(0, entry.deliveryCount);
        }
        assertTrue(index.isEmpty());
        assertNull(takeFirst(index));
    }

    @Test
    void aReleasedMessageGoesBackBeforeNewerOnesWithItsCount() {
        PendingIndex index = new PendingIndex();
        for (long seq = 1; seq <= 3000; seq++) {
            index.add(journalled(seq, 4), 0);
        }
        List<QueueEntry> taken = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            taken.add(takeFirst(index));
        }
        // put back in a scrambled order, some as delivered
        for (int i = taken.size() - 1; i >= 0; i -= 2) {
            index.add(taken.get(i).message, 1);
        }
        for (int i = 0; i < taken.size(); i += 2) {
            index.add(taken.get(i).message, 0);
        }
        for (long seq = 1; seq <= 3000; seq++) {
            QueueEntry entry = takeFirst(index);
            assertEquals(seq, entry.sequence());
            assertEquals(seq <= 1500 && seq % 2 == 0 ? 1 : 0, entry.deliveryCount, "count of " + seq);
        }
    }

    @Test
    void removalFromTheMiddleAndExpiry() {
        PendingIndex index = new PendingIndex();
        for (long seq = 1; seq <= 6000; seq++) {
            long expiration = seq % 5 == 0 ? 1_000 : 0;
            index.add(new StoredMessage(seq, seq, null, 4, expiration, 0), 0);
        }
        PendingIndex.Cursor cursor = index.cursor();
        int expired = 0;
        while (cursor.next()) {
            if (cursor.expiredAt(2_000)) {
                assertEquals(0, cursor.sequence() % 5);
                QueueEntry entry = cursor.remove();
                assertEquals(1_000, entry.message.expiration());
                expired++;
            } else {
                assertFalse(cursor.expiredAt(500));
            }
        }
        assertEquals(1200, expired);
        assertEquals(4800, index.size());
        // a selector-like walk that takes most messages, leaving chunks mostly holes (they get rewritten)
        cursor = index.cursor();
        int i = 0;
        while (cursor.next()) {
            if (i++ % 7 != 3) {
                cursor.remove();
            }
        }
        assertEquals(4800 / 7 + 1, index.size());
        List<Long> remaining = order(index);
        assertEquals(index.size(), remaining.size());
        for (int k = 1; k < remaining.size(); k++) {
            assertTrue(remaining.get(k - 1) < remaining.get(k));
        }
        assertTrue(index.remove(remaining.get(100)));
        assertFalse(index.remove(remaining.get(100)));
        assertFalse(index.contains(remaining.get(100)));
        assertTrue(index.contains(remaining.get(101)));
    }

    @Test
    void heapBodiesAndTheRecoveredMark() {
        PendingIndex index = new PendingIndex();
        byte[] body = {1, 2, 3};
        index.add(journalled(1, 4), 0);
        index.add(journalled(2, 4), 0);
        index.add(new StoredMessage(3, StoredMessage.NOT_JOURNALLED, body, 4, 0, 0), 0);
        index.setRecoveredMark(2);
        index.setDeliveryCount(1, 3);
        index.setDeliveryCount(99, 5); // not pending: ignored
        QueueEntry first = takeFirst(index);
        assertEquals(3, first.deliveryCount);
        assertEquals(1, takeFirst(index).deliveryCount);
        QueueEntry third = takeFirst(index);
        assertEquals(0, third.deliveryCount);
        assertSame(body, third.message.body());
        assertFalse(third.message.journalled());
        assertEquals(0, index.size());
    }

    @Test
    void olderMessagesInsertedIntoFullChunksSplitThem() {
        PendingIndex index = new PendingIndex();
        for (long seq = 2; seq <= 20_000; seq += 2) {
            index.add(journalled(seq, 0), 0);
        }
        for (long seq = 19_999; seq >= 1; seq -= 2) {
            index.add(journalled(seq, 0), 0);
        }
        List<Long> all = order(index);
        assertEquals(20_000, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i));
        }
        index.clear();
        assertTrue(index.isEmpty());
        assertNull(takeFirst(index));
    }

    @Test
    void racingSendersKeepChunksFull() {
        PendingIndex index = new PendingIndex();
        Random random = new Random(7);
        int n = 200_000;
        for (long base = 1; base <= n; base += 8) {
            List<Long> window = new ArrayList<>();
            for (long seq = base; seq < base + 8; seq++) {
                window.add(seq);
            }
            java.util.Collections.shuffle(window, random);
            for (long seq : window) {
                index.add(journalled(seq, 4), 0);
            }
        }
        assertEquals(n, index.size());
        assertTrue(index.allocatedSlots() <= n * 1.02 + PendingChunk.MAX_LENGTH, "slots " + index.allocatedSlots());
        for (long seq = 1; seq <= n; seq++) {
            assertEquals(seq, takeFirst(index).sequence());
        }
    }

    @Test
    void aSenderLateByHundredsOfMessagesLeavesNoHalfEmptyChunk() {
        PendingIndex index = new PendingIndex();
        Random random = new Random(11);
        int n = 200_000;
        List<Long> late = new ArrayList<>();
        for (long seq = 1; seq <= n; seq++) {
            if (random.nextInt(500) == 0) {
                late.add(seq);
            } else {
                index.add(journalled(seq, 4), 0);
            }
            if (!late.isEmpty() && seq - late.get(0) > 300 + random.nextInt(400)) {
                index.add(journalled(late.remove(0), 4), 0);
            }
        }
        for (long seq : late) {
            index.add(journalled(seq, 4), 0);
        }
        assertEquals(n, index.size());
        assertTrue(index.allocatedSlots() <= n * 1.15 + PendingChunk.MAX_LENGTH, "slots " + index.allocatedSlots());
        assertEquals(n, order(index).size());
        for (long seq = 1; seq <= n; seq++) {
            assertEquals(seq, takeFirst(index).sequence());
        }
    }

    @Test
    void consumptionAtTheHeadKeepsALoneChunkSmall() {
        PendingIndex index = new PendingIndex();
        for (long seq = 1; seq <= 100_000; seq++) {
            index.add(journalled(seq, 4), 0);
            if (seq > 3) {
                assertEquals(seq - 3, takeFirst(index).sequence());
            }
        }
        assertTrue(index.allocatedSlots() <= 16, "slots " + index.allocatedSlots());
    }

    /** Random adds (new and put back), takes, selector-like removals, expiry and removal by sequence against a TreeSet. */
    @Test
    void randomizedAgainstATreeSet() {
        for (long seed = 1; seed <= 4; seed++) {
            randomRun(new Random(seed), seed % 2 == 0 ? 2 : 10, 20_000);
        }
    }

    private static void randomRun(Random random, int priorities, int operations) {
        PendingIndex index = new PendingIndex();
        TreeSet<StoredMessage> model = new TreeSet<>(ORDER);
        Map<Long, Integer> counts = new HashMap<>();
        List<QueueEntry> out = new ArrayList<>();
        long next = 1;
        for (int op = 0; op < operations; op++) {
            int kind = random.nextInt(100);
            if (kind < 40 || model.isEmpty()) {
                long seq = next;
                next += 1 + random.nextInt(3);
                if (random.nextInt(20) == 0 && seq > 40) {
                    seq -= 1 + random.nextInt(3); // a sender overtaken by a concurrent one
                    if (containsSequence(model, seq) || isOut(out, seq)) {
                        continue;
                    }
                }
                StoredMessage m = new StoredMessage(seq, random.nextBoolean() ? seq : StoredMessage.NOT_JOURNALLED,
                        random.nextInt(4) == 0 ? new byte[] {(byte) seq} : null, random.nextInt(priorities),
                        random.nextInt(10) == 0 ? 1 + random.nextInt(1000) : 0, 0);
                index.add(m, 0);
                model.add(m);
            } else if (kind < 60 && !out.isEmpty()) {
                QueueEntry back = out.remove(random.nextInt(out.size()));
                int count = random.nextInt(3);
                index.add(back.message, count);
                model.add(back.message);
                counts.put(back.sequence(), count);
            } else if (kind < 80) {
                QueueEntry taken = takeFirst(index);
                StoredMessage expected = model.pollFirst();
                check(expected, taken, counts);
                out.add(taken);
            } else if (kind < 92) {
                int skip = random.nextInt(Math.min(model.size(), 1500));
                PendingIndex.Cursor cursor = index.cursor();
                Iterator<StoredMessage> it = model.iterator();
                long now = random.nextInt(1200);
                for (int i = 0; i <= skip; i++) {
                    assertTrue(cursor.next());
                    StoredMessage expected = it.next();
                    assertEquals(expected.sequence(), cursor.sequence());
                    assertEquals(expected.expiredAt(now), cursor.expiredAt(now));
                    if (expected.expiredAt(now) && random.nextBoolean()) {
                        check(expected, cursor.remove(), counts);
                        it.remove();
                    }
                }
                if (cursor.next()) {
                    StoredMessage expected = it.next();
                    check(expected, cursor.remove(), counts);
                    it.remove();
                    if (cursor.next()) {
                        assertEquals(it.next().sequence(), cursor.sequence());
                    }
                }
            } else if (kind < 95) {
                StoredMessage victim = model.higher(new StoredMessage(random.nextLong(next), 0, null,
                        random.nextInt(priorities), 0, 0));
                if (victim != null) {
                    assertTrue(index.remove(victim.sequence()));
                    model.remove(victim);
                    counts.remove(victim.sequence());
                }
            } else if (kind < 96) {
                List<StoredMessage> listed = index.messages();
                assertEquals(new ArrayList<>(model), listed.stream()
                        .map(m -> model.ceiling(m)).toList());
                assertEquals(model.size(), listed.size());
            } else if (random.nextInt(20) == 0) {
                index.clear();
                model.clear();
                counts.clear();
            }
            assertEquals(model.size(), index.size());
        }
        while (!model.isEmpty()) {
            check(model.pollFirst(), takeFirst(index), counts);
        }
        assertTrue(index.isEmpty());
    }

    private static boolean containsSequence(TreeSet<StoredMessage> model, long seq) {
        return model.stream().anyMatch(m -> m.sequence() == seq);
    }

    private static boolean isOut(List<QueueEntry> out, long seq) {
        return out.stream().anyMatch(e -> e.sequence() == seq);
    }

    private static void check(StoredMessage expected, QueueEntry taken, Map<Long, Integer> counts) {
        assertEquals(expected.sequence(), taken.sequence());
        assertEquals(expected.priority(), taken.message.priority());
        assertEquals(expected.documentIndex(), taken.message.documentIndex());
        assertEquals(expected.expiration(), taken.message.expiration());
        if (expected.body() == null) {
            assertNull(taken.message.body());
        } else {
            assertArrayEquals(expected.body(), taken.message.body());
        }
        Integer count = counts.remove(expected.sequence());
        assertEquals(count == null ? 0 : count, taken.deliveryCount);
    }
}
