package dev.tern.protocol;

/** A peer broke the protocol (malformed, out-of-order or unknown frame): the connection is closed. */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
