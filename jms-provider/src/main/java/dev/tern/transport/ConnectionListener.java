package dev.tern.transport;

import jakarta.jms.JMSException;

/** Told when the link to the broker fails or the broker goes away; the client then closes itself. */
@FunctionalInterface
public interface ConnectionListener {
    void onFailure(JMSException cause);

    /**
     * Told of an error the broker reported for a request nobody waits for (a non-persistent send
     * over TCP, for instance); the link stays up. The client hands it to the ExceptionListener.
     */
    default void onError(JMSException error) {
    }
}
