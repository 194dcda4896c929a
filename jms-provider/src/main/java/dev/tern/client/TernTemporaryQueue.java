package dev.tern.client;

import dev.tern.transport.DestinationRef;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/** A queue that lives as long as the connection that created it. */
public final class TernTemporaryQueue extends TernQueue implements TemporaryQueue {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    TernTemporaryQueue(DestinationRef ref, TemporaryDestinationOwner owner) {
        super(ref);
        this.owner = owner;
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new IllegalStateException("Only the connection that created " + name() + " can delete it");
        }
        owner.deleteTemporaryDestination(ref());
    }
}
