package dev.tern.broker.core;

import dev.tern.transport.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a queue holds in memory, counted from enqueue until the message is gone for good. */
class DestinationAccountingTest {

    private final BrokerServices services = new BrokerServices("accounting", new MessageStore(null), 1);
    private final AtomicInteger roomFreed = new AtomicInteger();
    private final DestinationUsage usage = new DestinationUsage(1000, roomFreed::incrementAndGet);
    private final MessageQueue queue = new MessageQueue("queue q", null, services, usage);
    private final List<Delivery> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        services.shutdown();
    }

    private static StoredMessage inMemory(long sequence, int bodyBytes, long expiration) {
        return new StoredMessage(sequence, StoredMessage.NOT_JOURNALLED, new byte[bodyBytes], 4, expiration, 0);
    }

    private QueueConsumer consumer(int credit) {
        QueueConsumer consumer = new QueueConsumer(null, 1, null, delivered::add, credit, queue, null);
        queue.addConsumer(consumer);
        return consumer;
    }

    private void awaitDelivered(int count) throws InterruptedException {
        for (int i = 0; i < 500 && delivered.size() < count; i++) {
            Thread.sleep(10);
        }
        assertEquals(count, delivered.size());
    }

    @Test
    void aMessageCostsItsBodyPlusTheEntryAJournalledOneOnlyTheEntry() {
        assertEquals(DestinationUsage.ENTRY_OVERHEAD + 500, DestinationUsage.cost(inMemory(1, 500, 0)));
        assertEquals(DestinationUsage.ENTRY_OVERHEAD,
                DestinationUsage.cost(new StoredMessage(2, 77, null, 4, 0, 0)));
    }

    @Test
    void fullAtTheLimitAndRoomAgainAfterTheAcknowledgement() throws Exception {
        queue.enqueue(inMemory(1, 400, 0));
        assertFalse(usage.full());
        queue.enqueue(inMemory(2, 400, 0));
        assertEquals(2 * (400 + DestinationUsage.ENTRY_OVERHEAD), usage.bytes());
        assertTrue(usage.full(), "1056 bytes held, limit 1000");

        QueueConsumer consumer = consumer(10);
        awaitDelivered(2);
        assertTrue(usage.full(), "in flight is still held until acknowledged");
        queue.acknowledge(consumer, List.of(1L));
        assertFalse(usage.full());
        assertEquals(1, roomFreed.get(), "told once it dropped below the limit");
        queue.acknowledge(consumer, List.of(2L));
        assertEquals(0, usage.bytes());
    }

    @Test
    void releasedMessagesStayCounted() throws Exception {
        queue.enqueue(inMemory(1, 100, 0));
        QueueConsumer consumer = consumer(10);
        awaitDelivered(1);
        queue.release(consumer, List.of(1L), true);
        assertEquals(100 + DestinationUsage.ENTRY_OVERHEAD, usage.bytes());
    }

    @Test
    void expiredMessagesFreeTheirRoomWhenDispatchDropsThem() throws Exception {
        queue.enqueue(inMemory(1, 300, System.currentTimeMillis() + 50));
        queue.enqueue(inMemory(2, 300, 0));
        Thread.sleep(100);
        consumer(10);
        awaitDelivered(1);
        assertEquals(2, delivered.get(0).sequence());
        assertEquals(300 + DestinationUsage.ENTRY_OVERHEAD, usage.bytes(), "only the delivered one is held");
    }

    @Test
    void aSweepDropsExpiredPendingMessagesWithoutAnyConsumer() throws Exception {
        queue.enqueue(inMemory(1, 300, System.currentTimeMillis() + 50));
        queue.enqueue(inMemory(2, 300, 0));
        Thread.sleep(100);
        queue.dropExpiredPending();
        assertEquals(300 + DestinationUsage.ENTRY_OVERHEAD, usage.bytes());
        assertEquals(1, queue.pendingCount());
    }

    @Test
    void aSweepIsDueAtMostOncePerInterval() {
        assertTrue(usage.sweepDue(10_000, 1000));
        assertFalse(usage.sweepDue(10_500, 1000));
        assertTrue(usage.sweepDue(11_000, 1000));
    }

    @Test
    void deletingTheQueueFreesPendingAndLaterReleasedMessages() throws Exception {
        queue.enqueue(inMemory(1, 100, 0));
        QueueConsumer consumer = consumer(1);
        awaitDelivered(1);
        queue.enqueue(inMemory(2, 100, 0));
        queue.delete();
        assertEquals(100 + DestinationUsage.ENTRY_OVERHEAD, usage.bytes(), "the pending one is gone");
        queue.release(consumer, List.of(1L), true);
        assertEquals(0, usage.bytes(), "the in-flight one is dropped when it comes back");
        queue.enqueue(inMemory(3, 100, 0));
        assertEquals(0, usage.bytes(), "a deleted queue takes nothing");
    }

    @Test
    void aDelayedMessageCountsFromItsArrival() {
        queue.enqueue(new StoredMessage(1, StoredMessage.NOT_JOURNALLED, new byte[10], 4, 0,
                System.currentTimeMillis() + 60_000));
        assertEquals(10 + DestinationUsage.ENTRY_OVERHEAD, usage.bytes());
    }

    @Test
    void noLimitIsNeverFull() {
        DestinationUsage unlimited = DestinationUsage.unlimited();
        unlimited.added(inMemory(1, 1 << 20, 0));
        assertFalse(unlimited.full());
    }
}
