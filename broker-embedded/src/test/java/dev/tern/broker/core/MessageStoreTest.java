package dev.tern.broker.core;

import dev.tern.broker.store.Acknowledged;
import dev.tern.broker.store.Enqueued;
import dev.tern.broker.store.Journal;
import dev.tern.broker.store.JournalOptions;
import dev.tern.broker.store.MessageStored;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The store serves just-journalled bodies from its cache, and the journal's copy once they are acknowledged. */
class MessageStoreTest {

    @TempDir
    Path tmp;

    @Test
    void deliversTheSentArrayUntilEveryQueueAcknowledged() throws Exception {
        BodyCache cache = new BodyCache(1 << 20, 64);
        try (MessageStore store = new MessageStore(Journal.open(tmp.resolve("journal"), JournalOptions.defaults()), cache)) {
            byte[] body = {1, 2, 3, 4};
            long index = store.append(List.of(new MessageStored(1, body), new Enqueued("queue:a", 1),
                    new Enqueued("queue:b", 1)));
            StoredMessage message = new StoredMessage(1, index, null, 4, 0, 0);
            assertSame(body, store.body(message), "no read-back from the journal");

            store.append(List.of(new Acknowledged("queue:a", 1)));
            assertSame(body, store.body(message), "queue b still holds it");

            store.append(List.of(new Acknowledged("queue:b", 1)));
            byte[] fromJournal = store.body(message);
            assertNotSame(body, fromJournal);
            assertArrayEquals(body, fromJournal);
            assertEquals(0, cache.size());
        }
    }

    @Test
    void countsTheEnqueuesOfEachMessageOfATransaction() throws Exception {
        BodyCache cache = new BodyCache(1 << 20, 64);
        try (MessageStore store = new MessageStore(Journal.open(tmp.resolve("journal"), JournalOptions.defaults()), cache)) {
            byte[] first = {1};
            byte[] second = {2};
            long index = store.append(List.of(new Acknowledged("queue:x", 99),
                    new MessageStored(1, first), new Enqueued("queue:a", 1),
                    new MessageStored(2, second), new Enqueued("queue:a", 2), new Enqueued("queue:b", 2)));
            assertEquals(2, cache.size());
            store.append(List.of(new Acknowledged("queue:a", 1), new Acknowledged("queue:a", 2)));
            assertEquals(1, cache.size(), "the second is still on queue b");
            assertSame(second, store.body(new StoredMessage(2, index, null, 4, 0, 0)));
        }
    }

    @Test
    void aMemoryOnlyMessageKeepsItsBodyOnTheHeap() throws Exception {
        try (MessageStore store = new MessageStore(null)) {
            byte[] body = {9};
            assertSame(body, store.body(new StoredMessage(3, StoredMessage.NOT_JOURNALLED, body, 4, 0, 0)));
            assertEquals(StoredMessage.NOT_JOURNALLED, store.append(List.of(new MessageStored(3, body))));
        }
    }

    @Test
    void fillsTheBodiesOfATransactionsMessagesFromOneReadOfItsDocument() throws Exception {
        BodyCache nothingKept = new BodyCache(0, 64);
        try (MessageStore store = new MessageStore(Journal.open(tmp.resolve("journal"), JournalOptions.defaults()),
                nothingKept)) {
            List<dev.tern.broker.store.JournalRecord> records = new java.util.ArrayList<>();
            records.add(new Acknowledged("queue:ünï€", 1000));
            for (long seq = 1; seq <= 5; seq++) {
                records.add(new MessageStored(seq, new byte[] {(byte) seq, 7}));
                records.add(new Enqueued("queue:ünï€", seq));
            }
            long first = store.append(records);
            long second = store.append(List.of(new MessageStored(6, new byte[] {6}), new Enqueued("queue:a", 6)));
            byte[] inMemory = {9};
            List<StoredMessage> messages = List.of(
                    new StoredMessage(2, first, null, 4, 0, 0), new StoredMessage(4, first, null, 4, 0, 0),
                    new StoredMessage(5, first, null, 4, 0, 0), new StoredMessage(6, second, null, 4, 0, 0),
                    new StoredMessage(7, StoredMessage.NOT_JOURNALLED, inMemory, 4, 0, 0),
                    new StoredMessage(99, first, null, 4, 0, 0));
            byte[] already = {42};
            byte[][] bodies = new byte[messages.size()][];
            bodies[2] = already;
            store.fillBodies(messages, bodies);
            assertArrayEquals(new byte[] {2, 7}, bodies[0]);
            assertArrayEquals(new byte[] {4, 7}, bodies[1]);
            assertSame(already, bodies[2], "what the caller had is kept");
            assertEquals(null, bodies[3], "alone in its document: left to body()");
            assertSame(inMemory, bodies[4]);
            assertEquals(null, bodies[5], "not in that document: left to body(), which reports it");
            assertArrayEquals(new byte[] {6}, store.body(messages.get(3)));
        }
    }
}
