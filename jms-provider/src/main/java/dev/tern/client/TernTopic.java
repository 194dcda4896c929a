package dev.tern.client;

import dev.tern.transport.DestinationRef;
import jakarta.jms.Topic;

/** A topic, identified by its name. */
public class TernTopic extends TernDestination implements Topic {

    private static final long serialVersionUID = 1L;

    public TernTopic(String name) {
        super(DestinationRef.topic(name));
    }

    TernTopic(DestinationRef ref) {
        super(ref);
    }

    @Override
    public String getTopicName() {
        return name();
    }
}
