package dev.tern.client;

import dev.tern.transport.DestinationRef;
import jakarta.jms.Queue;

/** A queue, identified by its name. */
public class TernQueue extends TernDestination implements Queue {

    private static final long serialVersionUID = 1L;

    public TernQueue(String name) {
        super(DestinationRef.queue(name));
    }

    TernQueue(DestinationRef ref) {
        super(ref);
    }

    @Override
    public String getQueueName() {
        return name();
    }
}
