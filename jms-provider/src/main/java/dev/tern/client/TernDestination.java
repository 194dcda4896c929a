package dev.tern.client;

import dev.tern.transport.DestinationRef;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;

import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;
import java.io.Serializable;
import java.util.Objects;

/** Base of Tern's destinations: a thin, serializable wrapper around a {@link DestinationRef}. */
public abstract class TernDestination implements Destination, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    /** The JNDI object factory (in {@code jndi-adapter}) that turns a {@link Reference} back into an object. */
    public static final String OBJECT_FACTORY = "dev.tern.jndi.TernObjectFactory";

    private final DestinationRef ref;

    TernDestination(DestinationRef ref) {
        this.ref = Objects.requireNonNull(ref);
    }

    public DestinationRef ref() {
        return ref;
    }

    public String name() {
        return ref.name();
    }

    /** The destination object for a reference read off the wire (temporary ones cannot be deleted through it). */
    public static TernDestination of(DestinationRef ref) {
        if (ref == null) {
            return null;
        }
        return switch (ref.kind()) {
            case QUEUE -> new TernQueue(ref.name());
            case TOPIC -> new TernTopic(ref.name());
            case TEMPORARY_QUEUE -> new TernTemporaryQueue(ref, null);
            case TEMPORARY_TOPIC -> new TernTemporaryTopic(ref, null);
        };
    }

    /**
     * Tern's form of any {@link Destination}, including another provider's: queues and topics are
     * matched by name. {@code InvalidDestinationException} for null or an unknown kind.
     */
    public static TernDestination from(Destination destination) throws JMSException {
        if (destination instanceof TernDestination tern) {
            return tern;
        }
        if (destination == null) {
            throw new InvalidDestinationException("destination is null");
        }
        if (destination instanceof TemporaryQueue q) {
            return of(new DestinationRef(DestinationRef.Kind.TEMPORARY_QUEUE, q.getQueueName()));
        }
        if (destination instanceof TemporaryTopic t) {
            return of(new DestinationRef(DestinationRef.Kind.TEMPORARY_TOPIC, t.getTopicName()));
        }
        if (destination instanceof Queue q) {
            return new TernQueue(q.getQueueName());
        }
        if (destination instanceof Topic t) {
            return new TernTopic(t.getTopicName());
        }
        throw new InvalidDestinationException("not a queue or a topic: " + destination);
    }

    /** Lets a destination be bound in an application server's JNDI; see {@link #OBJECT_FACTORY}. */
    @Override
    public Reference getReference() throws NamingException {
        Reference reference = new Reference(getClass().getName(), OBJECT_FACTORY, null);
        reference.add(new StringRefAddr("kind", ref.kind().name()));
        reference.add(new StringRefAddr("name", ref.name()));
        return reference;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TernDestination other && ref.equals(other.ref);
    }

    @Override
    public int hashCode() {
        return ref.hashCode();
    }

    @Override
    public String toString() {
        return ref.toString();
    }
}
