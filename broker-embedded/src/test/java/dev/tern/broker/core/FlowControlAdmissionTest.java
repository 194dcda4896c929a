package dev.tern.broker.core;

import dev.tern.transport.DestinationRef;
import jakarta.jms.IllegalStateException;
import jakarta.jms.ResourceAllocationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admission of sends by {@link FlowControl}: at once, refused, or parked in order until room is freed. */
class FlowControlAdmissionTest {

    private static final DestinationRef QUEUE = DestinationRef.queue("q");
    private static final DestinationLimits.Limit BLOCK = new DestinationLimits.Limit(100, FullPolicy.BLOCK);
    private static final DestinationLimits.Limit FAIL = new DestinationLimits.Limit(100, FullPolicy.FAIL);

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final FlowControl flow = new FlowControl(executor, scheduler);
    private final AtomicBoolean full = new AtomicBoolean();
    private final List<String> admitted = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private CompletableFuture<Void> send(ServerConnection sender, DestinationLimits.Limit limit, String name) {
        return flow.submit(sender, QUEUE, limit, full::get, () -> { }, () -> admitted.add(name));
    }

    private static void await(CompletableFuture<Void> future) throws Exception {
        future.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSendToADestinationWithRoomIsAdmittedAtOnce() {
        assertTrue(send(null, BLOCK, "a").isDone());
        assertTrue(send(null, FAIL, "b").isDone());
        full.set(true);
        assertTrue(send(null, new DestinationLimits.Limit(0, FullPolicy.BLOCK), "c").isDone(), "no limit");
        assertEquals(List.of("a", "b", "c"), admitted);
    }

    @Test
    void failRefusesWithResourceAllocationException() {
        full.set(true);
        ExecutionException e = assertThrows(ExecutionException.class, () -> send(null, FAIL, "a").get());
        assertInstanceOf(ResourceAllocationException.class, e.getCause());
        assertTrue(admitted.isEmpty());
    }

    @Test
    void blockParksUntilRoomIsFreedThenAdmitsInOrderAndNothingOvertakes() throws Exception {
        full.set(true);
        CompletableFuture<Void> first = send(null, BLOCK, "1");
        CompletableFuture<Void> second = send(null, BLOCK, "2");
        Thread.sleep(100);
        assertFalse(first.isDone() || second.isDone());
        assertEquals(2, flow.parkedCount());

        full.set(false);
        CompletableFuture<Void> third = send(null, BLOCK, "3"); // room now, but two are waiting: it queues
        flow.roomFreed();
        await(first);
        await(second);
        await(third);
        assertEquals(List.of("1", "2", "3"), admitted);
        assertEquals(0, flow.parkedCount());
    }

    @Test
    void expiryIsLookedForBeforeRefusingAndWhileParked() throws Exception {
        full.set(true);
        java.util.concurrent.atomic.AtomicInteger sweeps = new java.util.concurrent.atomic.AtomicInteger();
        Runnable expireAll = () -> {
            if (sweeps.incrementAndGet() >= 3) {
                full.set(false); // the third look finds the expired messages
            }
        };
        assertThrows(ExecutionException.class,
                () -> flow.submit(null, QUEUE, FAIL, full::get, expireAll, () -> admitted.add("refused")).get());
        CompletableFuture<Void> parked = flow.submit(null, QUEUE, BLOCK, full::get, expireAll,
                () -> admitted.add("parked"));
        // no acknowledgement ever frees room here: the periodic pass does, once the sweep finds room
        parked.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("parked"), admitted);
    }

    @Test
    void roomFreedWithNothingParkedDoesNothing() {
        flow.roomFreed();
        assertEquals(0, flow.parkedCount());
    }

    @Test
    void anAdmissionErrorFailsTheParkedSend() throws Exception {
        full.set(true);
        CompletableFuture<Void> parked = flow.submit(null, QUEUE, BLOCK, full::get, () -> { }, () -> {
            throw new jakarta.jms.InvalidDestinationException("gone");
        });
        full.set(false);
        flow.roomFreed();
        ExecutionException e = assertThrows(ExecutionException.class, () -> parked.get(5, TimeUnit.SECONDS));
        assertInstanceOf(jakarta.jms.InvalidDestinationException.class, e.getCause());
    }

    @Test
    void closingTheSenderFailsItsParkedSendsOnly() throws Exception {
        BrokerCore core = BrokerCore.start("flow-cancel", null, 1);
        try {
            ServerConnection closing = new ServerConnection(core, "closing", null);
            ServerConnection staying = new ServerConnection(core, "staying", null);
            full.set(true);
            CompletableFuture<Void> cancelled = send(closing, BLOCK, "cancelled");
            CompletableFuture<Void> kept = send(staying, BLOCK, "kept");
            flow.cancel(closing, "closed");
            ExecutionException e = assertThrows(ExecutionException.class, () -> cancelled.get(5, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertFalse(kept.isDone());
            full.set(false);
            flow.roomFreed();
            await(kept);
            assertEquals(List.of("kept"), admitted);
        } finally {
            core.stop();
        }
    }
}
