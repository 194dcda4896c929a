package dev.tern.client;

import dev.tern.transport.DestinationRef;
import jakarta.jms.JMSException;

/** The connection that created a temporary destination, the only one that may delete it. */
interface TemporaryDestinationOwner {
    void deleteTemporaryDestination(DestinationRef ref) throws JMSException;
}
