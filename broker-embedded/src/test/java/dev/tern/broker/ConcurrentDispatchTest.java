package dev.tern.broker;

import dev.tern.transport.BrokerConnection;
import dev.tern.transport.Delivery;
import dev.tern.transport.DestinationRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several producers and acknowledging consumers at once: every message is acknowledged exactly once. */
class ConcurrentDispatchTest extends BrokerTestSupport {

    private static final DestinationRef QUEUE = DestinationRef.queue("stress");
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 500;
    private static final int CONSUMERS = 3;

    @Test
    void everyMessageIsAcknowledgedExactlyOnce() throws Exception {
        TernBroker broker = memoryBroker();
        int total = PRODUCERS * PER_PRODUCER;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                BrokerConnection connection = broker.connect(null);
                LinkedBlockingQueue<Delivery> buffer = new LinkedBlockingQueue<>();
                connection.createConsumer(consumer(1, QUEUE, 20), buffer::add);
                work.add(pool.submit(() -> consume(connection, buffer, acknowledged, duplicates, done)));
            }
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                BrokerConnection connection = broker.connect(null);
                work.add(pool.submit(() -> {
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        send(connection, text(QUEUE, producer + "-" + i));
                    }
                    return null;
                }));
            }
            assertTrue(done.await(20, TimeUnit.SECONDS), "acknowledged " + acknowledged.size() + " of " + total);
            assertEquals(0, duplicates.get());
            assertEquals(total, acknowledged.size());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    private static Void consume(BrokerConnection connection, LinkedBlockingQueue<Delivery> buffer,
                                Set<String> acknowledged, AtomicInteger duplicates, CountDownLatch done)
            throws Exception {
        int sinceCredit = 0;
        while (!Thread.currentThread().isInterrupted()) {
            Delivery delivery = buffer.poll(100, TimeUnit.MILLISECONDS);
            if (delivery == null) {
                continue;
            }
            // release one in ten once, as a session recover would: it must come back, not get lost
            if (delivery.deliveryCount() == 1 && delivery.sequence() % 10 == 0) {
                connection.release(tags(delivery), true);
            } else {
                connection.acknowledge(0, tags(delivery));
                if (!acknowledged.add(textOf(delivery))) {
                    duplicates.incrementAndGet();
                }
                done.countDown();
            }
            if (++sinceCredit == 5) {
                connection.addCredit(1, sinceCredit);
                sinceCredit = 0;
            }
        }
        return null;
    }
}
