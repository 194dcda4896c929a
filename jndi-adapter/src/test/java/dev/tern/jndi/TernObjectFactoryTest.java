package dev.tern.jndi;

import dev.tern.client.TernConnectionFactory;
import dev.tern.client.TernDestination;
import dev.tern.client.TernQueue;
import dev.tern.client.TernTemporaryQueue;
import dev.tern.client.TernTemporaryTopic;
import dev.tern.client.TernTopic;
import dev.tern.transport.DestinationRef;
import jakarta.jms.IllegalStateException;
import org.junit.jupiter.api.Test;

import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TernObjectFactoryTest {

    private final TernObjectFactory factory = new TernObjectFactory();

    @Test
    void queuesAndTopicsComeBackFromTheirReferences() throws Exception {
        assertEquals(new TernQueue("orders.in"), roundTrip(new TernQueue("orders.in")));
        assertEquals(new TernTopic("prices/eu"), roundTrip(new TernTopic("prices/eu")));
        assertInstanceOf(TernQueue.class, roundTrip(new TernQueue("q")));
        assertInstanceOf(TernTopic.class, roundTrip(new TernTopic("t")));
    }

    @Test
    void temporaryDestinationsComeBackAsReferencesThatCannotDeleteThem() throws Exception {
        TernDestination queue = TernDestination.of(new DestinationRef(DestinationRef.Kind.TEMPORARY_QUEUE, "tmp-q-1"));
        TernDestination topic = TernDestination.of(new DestinationRef(DestinationRef.Kind.TEMPORARY_TOPIC, "tmp-t-1"));

        TernTemporaryQueue queueBack = assertInstanceOf(TernTemporaryQueue.class, roundTrip(queue));
        TernTemporaryTopic topicBack = assertInstanceOf(TernTemporaryTopic.class, roundTrip(topic));
        assertEquals(queue, queueBack);
        assertEquals(topic, topicBack);
        assertThrows(IllegalStateException.class, queueBack::delete);
        assertThrows(IllegalStateException.class, topicBack::delete);
    }

    @Test
    void aConnectionFactoryComesBackWithItsUrl() throws Exception {
        String url = "tcp://localhost:61616?clientID=cts";
        Object back = roundTrip(new TernConnectionFactory(url));

        assertEquals(url, assertInstanceOf(TernConnectionFactory.class, back).getUrl());
    }

    @Test
    void aConnectionFactoryReferenceBuiltByAServerIsUnderstood() throws Exception {
        Reference reference = new Reference(TernConnectionFactory.class.getName(), TernObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr("url", "vm://server"));

        Object back = factory.getObjectInstance(reference, null, null, null);

        assertEquals("vm://server", assertInstanceOf(TernConnectionFactory.class, back).getUrl());
    }

    @Test
    void aReferenceWithoutFactoryNameIsRecognisedByItsClass() throws Exception {
        Reference reference = new Reference(TernQueue.class.getName());
        reference.add(new StringRefAddr("kind", "QUEUE"));
        reference.add(new StringRefAddr("name", "q"));

        assertEquals(new TernQueue("q"), factory.getObjectInstance(reference, null, null, null));
    }

    @Test
    void othersReferencesAndObjectsAreLeftAlone() throws Exception {
        Reference foreign = new Reference("org.example.Queue", "org.example.QueueFactory", null);
        foreign.add(new StringRefAddr("name", "q"));

        assertNull(factory.getObjectInstance(foreign, null, null, null));
        assertNull(factory.getObjectInstance("not a reference", null, null, null));
        assertNull(factory.getObjectInstance(null, null, null, null));
    }

    @Test
    void aMalformedTernReferenceFails() {
        Reference noName = new Reference(TernQueue.class.getName(), TernObjectFactory.class.getName(), null);
        noName.add(new StringRefAddr("kind", "QUEUE"));
        assertThrows(NamingException.class, () -> factory.getObjectInstance(noName, null, null, null));

        Reference badKind = new Reference(TernQueue.class.getName(), TernObjectFactory.class.getName(), null);
        badKind.add(new StringRefAddr("kind", "MAILBOX"));
        badKind.add(new StringRefAddr("name", "q"));
        assertThrows(NamingException.class, () -> factory.getObjectInstance(badKind, null, null, null));

        Reference noUrl = new Reference(TernConnectionFactory.class.getName(), TernObjectFactory.class.getName(), null);
        assertThrows(NamingException.class, () -> factory.getObjectInstance(noUrl, null, null, null));
    }

    private Object roundTrip(Referenceable object) throws Exception {
        Reference reference = object.getReference();
        assertEquals(TernObjectFactory.class.getName(), reference.getFactoryClassName());
        return factory.getObjectInstance(reference, null, null, null);
    }
}
