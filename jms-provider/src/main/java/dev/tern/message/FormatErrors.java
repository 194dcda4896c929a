package dev.tern.message;

import jakarta.jms.MessageFormatException;

/** Builds the {@code MessageFormatException} for a lower-level failure, keeping it as cause and linked exception. */
final class FormatErrors {

    private FormatErrors() {
    }

    static MessageFormatException formatError(String reason, Exception cause) {
        MessageFormatException error = new MessageFormatException(reason);
        error.setLinkedException(cause);
        error.initCause(cause);
        return error;
    }
}
