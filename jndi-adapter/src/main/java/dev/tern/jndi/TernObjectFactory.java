package dev.tern.jndi;

import dev.tern.client.TernConnectionFactory;
import dev.tern.client.TernDestination;
import dev.tern.client.TernQueue;
import dev.tern.client.TernTemporaryQueue;
import dev.tern.client.TernTemporaryTopic;
import dev.tern.client.TernTopic;
import dev.tern.transport.DestinationRef;

import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NamingException;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;
import java.util.Hashtable;
import java.util.Set;

/**
 * Turns the {@link Reference}s of Tern's administered objects back into objects, so that they can
 * be bound in an application server's JNDI:
 * <ul>
 *   <li>a connection factory: class {@code dev.tern.client.TernConnectionFactory}, address
 *       {@code url};</li>
 *   <li>a destination: addresses {@code kind} (a {@link DestinationRef.Kind} name) and {@code name}.
 *       A temporary queue or topic comes back as a plain reference to it: only the connection
 *       that created it can delete it.</li>
 * </ul>
 * References that are not Tern's give null, as {@link ObjectFactory} asks, so this factory can be
 * listed in {@code java.naming.factory.object}.
 */
public class TernObjectFactory implements ObjectFactory {

    static final String URL = "url";
    static final String KIND = "kind";
    static final String NAME = "name";

    private static final String CONNECTION_FACTORY_CLASS = TernConnectionFactory.class.getName();
    private static final Set<String> TERN_CLASSES = Set.of(CONNECTION_FACTORY_CLASS,
            TernQueue.class.getName(), TernTopic.class.getName(),
            TernTemporaryQueue.class.getName(), TernTemporaryTopic.class.getName());

    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment)
            throws NamingException {
        if (!(obj instanceof Reference reference) || !isTern(reference)) {
            return null;
        }
        if (CONNECTION_FACTORY_CLASS.equals(reference.getClassName())) {
            return new TernConnectionFactory(required(reference, URL));
        }
        return TernDestination.of(new DestinationRef(kind(reference), required(reference, NAME)));
    }

    // Ours if it names this factory, or (when a server dropped the factory name) one of our classes.
    private static boolean isTern(Reference reference) {
        return TernDestination.OBJECT_FACTORY.equals(reference.getFactoryClassName())
                || TERN_CLASSES.contains(reference.getClassName());
    }

    private static DestinationRef.Kind kind(Reference reference) throws NamingException {
        String kind = required(reference, KIND);
        try {
            return DestinationRef.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new NamingException("Reference to " + reference.getClassName() + " has an unknown kind: " + kind);
        }
    }

    private static String required(Reference reference, String address) throws NamingException {
        RefAddr refAddr = reference.get(address);
        Object content = refAddr == null ? null : refAddr.getContent();
        if (content == null) {
            throw new NamingException("Reference to " + reference.getClassName() + " lacks the address '" + address + "'");
        }
        return content.toString();
    }
}
