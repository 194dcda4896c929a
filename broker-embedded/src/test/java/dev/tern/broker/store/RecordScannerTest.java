package dev.tern.broker.store;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The compaction follower's field-by-field reading must rebuild the same state as decoding whole records. */
class RecordScannerTest {

    private static byte[] body(int priority, long expiration, long deliveryTime, int extra) throws Exception {
        byte[] encoded = JournalStateTest.message(priority, expiration, deliveryTime);
        return java.util.Arrays.copyOf(encoded, encoded.length + extra); // a longer body, same fixed header
    }

    /** Random documents with every record type, bodies from 2 bytes (unreadable) to 300 KB, many queue keys. */
    private static List<List<JournalRecord>> documents() throws Exception {
        Random random = new Random(11);
        List<List<JournalRecord>> documents = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 150; k++) { // more than the scanner's key cache
            keys.add((k % 2 == 0 ? "q:" : "s:") + "queue-" + k + (k % 7 == 0 ? "-é" : ""));
        }
        long sequence = 0;
        List<Long> pending = new ArrayList<>();
        for (String key : keys.subList(0, 20)) {
            documents.add(List.of(new SubscriptionCreated(key, "t", "c", key, null, false, key.length() % 2 == 0)));
        }
        for (int d = 0; d < 3000; d++) {
            List<JournalRecord> records = new ArrayList<>();
            int n = 1 + random.nextInt(d % 100 == 0 ? 300 : 3);
            for (int r = 0; r < n; r++) {
                int kind = random.nextInt(12);
                String key = keys.get(random.nextInt(keys.size()));
                if (kind < 5) {
                    sequence++;
                    byte[] message = switch (random.nextInt(20)) {
                        case 0 -> new byte[] {9, 9};
                        case 1 -> body(4, 0, 0, 300_000);
                        default -> body(random.nextInt(10), random.nextInt(3) == 0 ? random.nextInt(1_000_000) : 0,
                                random.nextInt(4) == 0 ? random.nextInt(1_000_000) : 0, random.nextInt(2000));
                    };
                    records.add(new MessageStored(sequence, message));
                    records.add(new Enqueued(key, sequence));
                    if (random.nextBoolean()) {
                        records.add(new Enqueued(keys.get(random.nextInt(keys.size())), sequence));
                    }
                    pending.add(sequence);
                } else if (kind < 8 && !pending.isEmpty()) {
                    long s = pending.get(random.nextInt(pending.size()));
                    records.add(new Acknowledged(key, s));
                } else if (kind == 8 && !pending.isEmpty()) {
                    records.add(new DeliveryCounted(key, pending.get(random.nextInt(pending.size())),
                            1 + random.nextInt(5)));
                } else if (kind == 9) {
                    records.add(new Delivered(key, random.nextInt((int) sequence + 1)));
                } else if (kind == 10 && !pending.isEmpty()) {
                    records.add(new MessageMoved(pending.get(random.nextInt(pending.size())), body(3, 0, 0, 10)));
                } else if (random.nextInt(30) == 0) {
                    records.add(random.nextBoolean() ? new SubscriptionRemoved(key)
                            : new SubscriptionCreated(key, null, null, null, "a > 1", true, false));
                } else {
                    records.add(new Enqueued(key, sequence + 1000)); // of a message it does not store
                }
            }
            documents.add(records);
        }
        return documents;
    }

    private static String snapshot(JournalState state) {
        List<String> lines = new ArrayList<>();
        state.restate((index, record) -> lines.add(Long.toHexString(index) + " " + record), state.position);
        lines.add("marks " + new java.util.TreeMap<>(state.deliveredMarks));
        lines.add("cycles " + state.cycleBytes());
        lines.add("position " + state.position + " first " + state.firstApplied);
        return String.join("\n", lines);
    }

    @Test
    void scanningGivesTheSameStateAsDecodingWholeRecords() throws Exception {
        JournalState decoded = new JournalState();
        JournalState scanned = new JournalState();
        RecordScanner scanner = new RecordScanner();
        Bytes<byte[]> out = Bytes.allocateElasticOnHeap();
        long index = 0x5_0000_0000L;
        for (List<JournalRecord> records : documents()) {
            out.clear();
            RecordCodec.write(records, out);
            int bytes = (int) out.readRemaining();
            int cycle = (int) (index >>> 32) + (int) (index & 0xFFFF) / 1000;
            decoded.apply(index, RecordCodec.read(index, out.bytesForRead()), bytes, cycle);
            scanned.beginDocument(index);
            scanner.scan(index, out.bytesForRead(), scanned);
            scanned.endDocument(index, bytes, cycle);
            index++;
        }
        assertEquals(snapshot(decoded), snapshot(scanned));
        assertEquals(decoded.messages.size(), scanned.messages.size());
    }

    @Test
    void aDamagedDocumentIsRefusedBeforeAnyRecord() throws Exception {
        Bytes<byte[]> out = Bytes.allocateElasticOnHeap();
        RecordCodec.write(List.of(new MessageStored(1, body(4, 0, 0, 0)), new Enqueued("q", 1)), out);
        byte[] document = out.toByteArray();
        document[document.length / 2] ^= 1;
        JournalState state = new JournalState();
        state.beginDocument(1);
        assertThrows(RecordCodec.DamagedDocumentException.class,
                () -> new RecordScanner().scan(1, Bytes.wrapForRead(document), state));
        assertEquals(0, state.messages.size());
        assertEquals(0, state.highestSequence);
    }
}
