package dev.tern.client;

import dev.tern.transport.DestinationRef;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/** A topic that lives as long as the connection that created it. */
public final class TernTemporaryTopic extends TernTopic implements TemporaryTopic {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    TernTemporaryTopic(DestinationRef ref, TemporaryDestinationOwner owner) {
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
