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

/**
 * The one place that turns the classic API's checked {@link JMSException}s into the simplified API's
 * runtime exceptions. The runtime exception keeps the message and error code, and has the checked
 * exception as its cause (so its own cause and linked exception stay reachable).
 */
public final class JmsExceptions {

    private JmsExceptions() {
    }

    /** A classic-API call that returns a value. */
    @FunctionalInterface
    public interface JmsCall<T> {
        T call() throws JMSException;
    }

    /** A classic-API call that returns nothing. */
    @FunctionalInterface
    public interface JmsAction {
        void run() throws JMSException;
    }

    /** The runtime counterpart the specification names for {@code e}; {@link JMSRuntimeException} when there is none. */
    public static JMSRuntimeException toRuntime(JMSException e) {
        String message = e.getMessage();
        String code = e.getErrorCode();
        if (e instanceof IllegalStateException) {
            return new IllegalStateRuntimeException(message, code, e);
        }
        if (e instanceof InvalidClientIDException) {
            return new InvalidClientIDRuntimeException(message, code, e);
        }
        if (e instanceof InvalidDestinationException) {
            return new InvalidDestinationRuntimeException(message, code, e);
        }
        if (e instanceof InvalidSelectorException) {
            return new InvalidSelectorRuntimeException(message, code, e);
        }
        if (e instanceof JMSSecurityException) {
            return new JMSSecurityRuntimeException(message, code, e);
        }
        if (e instanceof MessageFormatException) {
            return new MessageFormatRuntimeException(message, code, e);
        }
        if (e instanceof MessageNotWriteableException) {
            return new MessageNotWriteableRuntimeException(message, code, e);
        }
        if (e instanceof ResourceAllocationException) {
            return new ResourceAllocationRuntimeException(message, code, e);
        }
        if (e instanceof TransactionInProgressException) {
            return new TransactionInProgressRuntimeException(message, code, e);
        }
        if (e instanceof TransactionRolledBackException) {
            return new TransactionRolledBackRuntimeException(message, code, e);
        }
        return new JMSRuntimeException(message, code, e);
    }

    /** Runs {@code call}, turning a checked JMS exception into its runtime counterpart. */
    public static <T> T call(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }

    /** Runs {@code action}, turning a checked JMS exception into its runtime counterpart. */
    public static void run(JmsAction action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }
}
