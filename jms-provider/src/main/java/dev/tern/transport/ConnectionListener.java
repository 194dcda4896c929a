package dev.tern.transport;

import jakarta.jms.JMSException;

/** Told when the link to the broker fails or the broker goes away; the client then closes itself. */
@FunctionalInterface
public interface ConnectionListener {
    void onFailure(JMSException cause);
}
