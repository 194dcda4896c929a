package dev.tern.transport.tcp;

import dev.tern.transport.DestinationRef;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The client's producer window: unconfirmed bytes per destination. */
class SendWindowTest {

    private static final DestinationRef A = DestinationRef.queue("a");
    private static final DestinationRef B = DestinationRef.queue("b");
    private final SendWindow window = new SendWindow(1000);

    private void acquire(DestinationRef destination, long bytes) throws JMSException {
        window.acquire(destination, bytes, () -> new IllegalStateException("closed"));
    }

    private CompletableFuture<Void> acquireLater(DestinationRef destination, long bytes) {
        return CompletableFuture.runAsync(() -> {
            try {
                acquire(destination, bytes);
            } catch (JMSException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    @Test
    void aSendWaitsWhileItsDestinationsWindowIsFullOnly() throws Exception {
        acquire(A, 600);
        acquire(A, 400);
        CompletableFuture<Void> waiting = acquireLater(A, 1);
        acquire(B, 1000); // another destination is not held up
        Thread.sleep(100);
        assertFalse(waiting.isDone());
        window.confirmed(A, 600);
        waiting.get(5, TimeUnit.SECONDS);
        assertEquals(1401, window.unconfirmedBytes());
    }

    @Test
    void aMessageLargerThanTheWindowGoesAlone() throws Exception {
        acquire(A, 5000);
        CompletableFuture<Void> waiting = acquireLater(A, 10);
        Thread.sleep(100);
        assertFalse(waiting.isDone());
        window.confirmed(A, 5000);
        waiting.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRefusalIsThrownByTheNextSendToThatDestination() throws Exception {
        acquire(A, 10);
        window.refused(A, 10, new ResourceAllocationException("full", "TERN-DESTINATION-FULL"));
        acquire(B, 10);
        ResourceAllocationException e = assertThrows(ResourceAllocationException.class, () -> acquire(A, 10));
        assertEquals("TERN-DESTINATION-FULL", e.getErrorCode());
        acquire(A, 10); // once
    }

    @Test
    void aLostLinkWakesAWaitingSend() throws Exception {
        acquire(A, 1000);
        CompletableFuture<Void> waiting = acquireLater(A, 1);
        Thread.sleep(50);
        window.fail(new JMSException("link lost"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause().getCause() != null ? e.getCause().getCause()
                : e.getCause());
    }
}
