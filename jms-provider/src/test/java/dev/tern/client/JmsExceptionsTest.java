package dev.tern.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JmsExceptionsTest {

    @Test
    void eachCheckedExceptionMapsToItsRuntimeCounterpart() {
        Map<JMSException, Class<? extends JMSRuntimeException>> expected = new LinkedHashMap<>();
        expected.put(new IllegalStateException("m", "c"), IllegalStateRuntimeException.class);
        expected.put(new InvalidClientIDException("m", "c"), InvalidClientIDRuntimeException.class);
        expected.put(new InvalidDestinationException("m", "c"), InvalidDestinationRuntimeException.class);
        expected.put(new InvalidSelectorException("m", "c"), InvalidSelectorRuntimeException.class);
        expected.put(new JMSSecurityException("m", "c"), JMSSecurityRuntimeException.class);
        expected.put(new MessageFormatException("m", "c"), MessageFormatRuntimeException.class);
        expected.put(new MessageNotWriteableException("m", "c"), MessageNotWriteableRuntimeException.class);
        expected.put(new ResourceAllocationException("m", "c"), ResourceAllocationRuntimeException.class);
        expected.put(new TransactionInProgressException("m", "c"), TransactionInProgressRuntimeException.class);
        expected.put(new TransactionRolledBackException("m", "c"), TransactionRolledBackRuntimeException.class);
        expected.put(new JMSException("m", "c"), JMSRuntimeException.class);
        // No runtime counterpart of its own: the plain runtime exception.
        expected.put(new MessageEOFException("m", "c"), JMSRuntimeException.class);

        expected.forEach((checked, runtime) -> {
            JMSRuntimeException mapped = JmsExceptions.toRuntime(checked);
            assertEquals(runtime, mapped.getClass(), checked.getClass().getSimpleName());
            assertEquals("m", mapped.getMessage());
            assertEquals("c", mapped.getErrorCode());
            assertSame(checked, mapped.getCause());
        });
    }

    @Test
    void theCheckedExceptionsOwnCauseStaysReachable() {
        JMSException checked = new JMSException("broken");
        IOException io = new IOException("socket");
        checked.setLinkedException(io);
        checked.initCause(io);

        JMSRuntimeException mapped = JmsExceptions.toRuntime(checked);

        assertSame(checked, mapped.getCause());
        assertSame(io, mapped.getCause().getCause());
        assertEquals(null, mapped.getErrorCode());
    }

    @Test
    void callAndRunMapWhatTheyThrowAndPassResultsThrough() {
        assertEquals("x", JmsExceptions.call(() -> "x"));
        assertThrows(InvalidDestinationRuntimeException.class,
                () -> JmsExceptions.call(() -> {
                    throw new InvalidDestinationException("no such queue");
                }));
        assertThrows(TransactionRolledBackRuntimeException.class,
                () -> JmsExceptions.run(() -> {
                    throw new TransactionRolledBackException("rolled back");
                }));
        java.lang.IllegalStateException plain = new java.lang.IllegalStateException("not a JMS exception");
        assertSame(plain, assertThrows(java.lang.IllegalStateException.class,
                () -> JmsExceptions.run(() -> {
                    throw plain;
                })));
    }
}
