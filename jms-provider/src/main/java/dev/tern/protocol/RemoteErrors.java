package dev.tern.protocol;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionRolledBackException;

/**
 * Carries a broker-side {@link JMSException} to the client as (kind, message, error code) and makes
 * the same exception class again there, so the application sees what it would see in-VM.
 */
public final class RemoteErrors {

    private RemoteErrors() {
    }

    /** The simple class name of the JMS exception (or of its nearest JMS superclass). */
    public static String kind(Throwable error) {
        if (error instanceof JMSException) {
            Class<?> type = error.getClass();
            while (type != JMSException.class && !type.getPackageName().equals("jakarta.jms")) {
                type = type.getSuperclass();
            }
            return type.getSimpleName();
        }
        return "JMSException";
    }

    public static void write(FrameBuilder out, Throwable error) {
        out.writeString(kind(error));
        out.writeString(error.getMessage() != null ? error.getMessage() : error.toString());
        out.writeString(error instanceof JMSException jms ? jms.getErrorCode() : null);
    }

    public static JMSException read(FrameReader in) {
        String kind = in.readString();
        String message = in.readString();
        String code = in.readString();
        return create(kind, message, code);
    }

    public static JMSException create(String kind, String message, String code) {
        return switch (kind == null ? "" : kind) {
            case "IllegalStateException" -> new IllegalStateException(message, code);
            case "InvalidClientIDException" -> new InvalidClientIDException(message, code);
            case "InvalidDestinationException" -> new InvalidDestinationException(message, code);
            case "InvalidSelectorException" -> new InvalidSelectorException(message, code);
            case "JMSSecurityException" -> new JMSSecurityException(message, code);
            case "MessageFormatException" -> new MessageFormatException(message, code);
            case "ResourceAllocationException" -> new ResourceAllocationException(message, code);
            case "TransactionInProgressException" -> new TransactionInProgressException(message, code);
            case "TransactionRolledBackException" -> new TransactionRolledBackException(message, code);
            default -> new JMSException(message, code);
        };
    }
}
