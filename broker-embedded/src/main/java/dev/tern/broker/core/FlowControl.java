package dev.tern.broker.core;

import dev.tern.transport.DestinationRef;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Producer flow control: admits a send to a destination at once while the destination has room,
 * refuses it ({@link FullPolicy#FAIL}) or parks it ({@link FullPolicy#BLOCK}) while it is full. A
 * parked send holds no thread: its future (the send's receipt) completes when a later pass admits
 * it, so the connection's other requests (acknowledgements above all) go on meanwhile. Parked sends
 * of one destination are admitted in arrival order, and a send never overtakes a parked one of the
 * same destination. What parked sends hold is bounded by the clients: a client waits for the
 * receipt of a persistent send, and keeps at most a window of non-persistent sends unconfirmed.
 */
final class FlowControl {

    /** Routes an admitted send (makes it visible). */
    @FunctionalInterface
    interface Admission {
        void run() throws JMSException;
    }

    /** While sends are parked, a pass runs at least this often (expiry frees room without any ack). */
    static final long RETRY_MILLIS = 1000;

    private final SerialRunner passes;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final Map<DestinationRef, Gate> gates = new ConcurrentHashMap<>();
    /** Sends parked in all gates; read on every room freed, so that nothing is done while it is 0. */
    private final AtomicInteger parked = new AtomicInteger();

    FlowControl(Executor executor, ScheduledExecutorService scheduler) {
        this.passes = new SerialRunner(executor, this::pass);
        this.scheduler = scheduler;
    }

    /**
     * Admits, refuses or parks a send to {@code destination}; {@code full} says whether it is full
     * now, {@code sweepExpired} drops expired messages from it (before a send is refused or parked
     * for want of room; it limits its own rate). The future fails with the admission's error, {@code ResourceAllocationException} when
     * refused, or {@code IllegalStateException} when the sender closed while it was parked.
     */
    CompletableFuture<Void> submit(ServerConnection sender, DestinationRef destination,
                                   DestinationLimits.Limit limit, BooleanSupplier full, Runnable sweepExpired,
                                   Admission admission) {
        if (limit.unlimited()) {
            return admitNow(admission);
        }
        if (limit.policy() == FullPolicy.FAIL) {
            if (isFull(full, sweepExpired)) {
                return CompletableFuture.failedFuture(new ResourceAllocationException("Destination "
                        + destination + " is full (its limit is " + limit.maxBytes() + " bytes); send refused",
                        "TERN-DESTINATION-FULL"));
            }
            return admitNow(admission);
        }
        Gate gate = gates.get(destination);
        if ((gate == null || gate.isEmpty()) && !full.getAsBoolean()) {
            return admitNow(admission);
        }
        Parked send = new Parked(sender, admission);
        parked.incrementAndGet(); // before the pass looks at the destination (see roomFreed)
        do {
            gate = gates.computeIfAbsent(destination, d -> new Gate(d, () -> isFull(full, sweepExpired)));
        } while (!gate.add(send));
        passes.request();
        return send.future;
    }

    /** A destination's usage dropped below its limit: blocked sends may go on. */
    void roomFreed() {
        if (parked.get() > 0) {
            passes.request();
        }
    }

    /** Fails the parked sends of a closing connection. */
    void cancel(ServerConnection sender, String reason) {
        boolean any = false;
        for (Gate gate : gates.values()) {
            any |= gate.cancel(sender, reason);
        }
        if (any) {
            passes.request();
        }
    }

    /** Sends parked now (for tests and monitoring). */
    int parkedCount() {
        return parked.get();
    }

    private static boolean isFull(BooleanSupplier full, Runnable sweepExpired) {
        if (!full.getAsBoolean()) {
            return false;
        }
        sweepExpired.run();
        return full.getAsBoolean();
    }

    private static CompletableFuture<Void> admitNow(Admission admission) {
        try {
            admission.run();
            return CompletableFuture.completedFuture(null);
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(MessageStore.jmsException("TERN-B030 send failed: " + e, e));
        }
    }

    private void pass() {
        for (Gate gate : gates.values()) {
            gate.drain();
        }
        if (parked.get() > 0 && retryScheduled.compareAndSet(false, true)) {
            try {
                scheduler.schedule(() -> {
                    retryScheduled.set(false);
                    passes.request();
                }, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                retryScheduled.set(false); // the broker is stopping
            }
        }
    }

    /** A send waiting for room; exactly one of admission and cancellation claims it. */
    private static final class Parked {
        final ServerConnection sender;
        final Admission admission;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final AtomicBoolean claimed = new AtomicBoolean();

        Parked(ServerConnection sender, Admission admission) {
            this.sender = sender;
            this.admission = admission;
        }
    }

    /** The parked sends of one destination, oldest first. */
    private final class Gate {
        private final DestinationRef destination;
        private final BooleanSupplier full;
        private final ArrayDeque<Parked> waiting = new ArrayDeque<>();
        private boolean retired;

        Gate(DestinationRef destination, BooleanSupplier full) {
            this.destination = destination;
            this.full = full;
        }

        /** The head stays here while it is being admitted, so no send can overtake it meanwhile. */
        synchronized boolean isEmpty() {
            return waiting.isEmpty();
        }

        /** False if this gate was just retired (the caller takes the new one). */
        synchronized boolean add(Parked send) {
            if (retired) {
                return false;
            }
            waiting.add(send);
            return true;
        }

        synchronized boolean cancel(ServerConnection sender, String reason) {
            boolean any = false;
            for (Parked send : waiting) {
                if (send.sender == sender && send.claimed.compareAndSet(false, true)) {
                    send.future.completeExceptionally(new IllegalStateException(reason));
                    any = true;
                }
            }
            return any;
        }

        /** Admits parked sends in order while the destination has room (on the pass thread only). */
        void drain() {
            while (true) {
                Parked head;
                synchronized (this) {
                    head = waiting.peek();
                    if (head == null) {
                        retired = true;
                        gates.remove(destination, this);
                        return;
                    }
                }
                CompletableFuture<Void> result = null;
                if (!head.claimed.get()) {
                    if (full.getAsBoolean()) {
                        return; // the next room freed (or the periodic pass) brings another pass
                    }
                    if (head.claimed.compareAndSet(false, true)) {
                        result = admitNow(head.admission);
                    }
                }
                synchronized (this) {
                    waiting.poll();
                }
                parked.decrementAndGet();
                if (result != null) { // the receipt, once the send is stored and out of the gate
                    result.whenComplete((ok, error) -> {
                        if (error == null) {
                            head.future.complete(null);
                        } else {
                            head.future.completeExceptionally(error);
                        }
                    });
                }
            }
        }
    }
}
