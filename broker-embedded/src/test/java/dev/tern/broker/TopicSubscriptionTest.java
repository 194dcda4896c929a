package dev.tern.broker;

import dev.tern.message.TernTextMessage;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.DestinationRef;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopicSubscriptionTest extends BrokerTestSupport {

    private static final DestinationRef TOPIC = DestinationRef.topic("prices");

    private static ConsumerSpec durable(long id, String name, String selector, boolean noLocal) {
        return new ConsumerSpec(id, TOPIC, selector, noLocal, name, true, false, 100);
    }

    private static ConsumerSpec sharedDurable(long id, String name, String selector) {
        return new ConsumerSpec(id, TOPIC, selector, false, name, true, true, 100);
    }

    private static ConsumerSpec sharedNonDurable(long id, String name) {
        return new ConsumerSpec(id, TOPIC, null, false, name, false, true, 100);
    }

    @Test
    void publishedMessageReachesEverySubscriptionWhoseSelectorMatches() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        Recorder all1 = new Recorder();
        Recorder all2 = new Recorder();
        Recorder big = new Recorder();
        connection.createConsumer(consumer(1, TOPIC, 10), all1);
        connection.createConsumer(consumer(2, TOPIC, 10), all2);
        connection.createConsumer(ConsumerSpec.simple(3, TOPIC, "size = 10", false, 10), big);
        for (int size : new int[] {1, 10}) {
            TernTextMessage message = message(TOPIC, "s" + size);
            message.setIntProperty("size", size);
            send(connection, encode(message));
        }
        assertEquals(List.of("s1", "s10"), all1.texts(2));
        assertEquals(List.of("s1", "s10"), all2.texts(2));
        assertEquals(List.of("s10"), big.texts(1));
        big.assertNothingFor(100);
    }

    @Test
    void messagesBeforeANonDurableSubscriptionAreNotSeen() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        send(connection, text(TOPIC, "early"));
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, TOPIC, 10), recorder);
        send(connection, text(TOPIC, "late"));
        assertEquals("late", recorder.nextText());
        recorder.assertNothingFor(100);
    }

    @Test
    void sharedSubscriptionSplitsMessagesBetweenItsConsumers() throws Exception {
        TernBroker broker = memoryBroker();
        BrokerConnection c1 = broker.connect(null);
        BrokerConnection c2 = broker.connect(null);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        c1.createConsumer(sharedNonDurable(1, "workers"), a);
        c2.createConsumer(sharedNonDurable(1, "workers"), b);
        for (int i = 0; i < 10; i++) {
            send(c1, text(TOPIC, "m" + i));
        }
        Thread.sleep(200);
        assertEquals(10, a.waiting() + b.waiting());
        assertThrows(IllegalStateException.class, () -> c1.createConsumer(
                new ConsumerSpec(2, DestinationRef.topic("other"), null, false, "workers", false, true, 10),
                new Recorder()), "same shared subscription on another topic");
    }

    @Test
    void sharedNonDurableSubscriptionEndsWithItsLastConsumer() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        connection.createConsumer(sharedNonDurable(1, "s"), new Recorder());
        connection.closeConsumer(1);
        send(connection, text(TOPIC, "lost"));
        Recorder recorder = new Recorder();
        connection.createConsumer(sharedNonDurable(2, "s"), recorder);
        recorder.assertNothingFor(150);
    }

    @Test
    void durableSubscriptionKeepsMessagesWhileOffline() throws Exception {
        TernBroker broker = memoryBroker();
        BrokerConnection subscriber = broker.connect(null);
        subscriber.setClientId("client-1");
        subscriber.createConsumer(durable(1, "audit", null, false), new Recorder());
        subscriber.closeConsumer(1);
        BrokerConnection publisher = broker.connect(null);
        send(publisher, text(TOPIC, "while-away-1"));
        send(publisher, text(TOPIC, "while-away-2"));
        Recorder recorder = new Recorder();
        subscriber.createConsumer(durable(2, "audit", null, false), recorder);
        assertEquals(List.of("while-away-1", "while-away-2"), recorder.texts(2));
    }

    @Test
    void unsharedDurableSubscriptionNeedsClientIdAndOneConsumer() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        assertThrows(IllegalStateException.class, () -> connection.createConsumer(durable(1, "d", null, false),
                new Recorder()));
        connection.setClientId("c");
        connection.createConsumer(durable(1, "d", null, false), new Recorder());
        assertThrows(IllegalStateException.class, () -> connection.createConsumer(durable(2, "d", null, false),
                new Recorder()));
    }

    @Test
    void durableSubscriptionWithChangedSelectorIsReplaced() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        connection.setClientId("c");
        connection.createConsumer(durable(1, "d", null, false), new Recorder());
        connection.closeConsumer(1);
        send(connection, text(TOPIC, "old"));
        Recorder recorder = new Recorder();
        connection.createConsumer(durable(2, "d", "n = 1", false), recorder);
        recorder.assertNothingFor(150);
        TernTextMessage match = message(TOPIC, "new");
        match.setIntProperty("n", 1);
        send(connection, encode(match));
        assertEquals("new", recorder.nextText());
    }

    @Test
    void sharedDurableSubscriptionRules() throws Exception {
        TernBroker broker = memoryBroker();
        BrokerConnection c1 = broker.connect(null);
        BrokerConnection c2 = broker.connect(null);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        c1.createConsumer(sharedDurable(1, "sd", null), a);
        c2.createConsumer(sharedDurable(1, "sd", null), b);
        assertThrows(IllegalStateException.class, () -> c2.createConsumer(sharedDurable(2, "sd", "n = 1"),
                new Recorder()), "in use with another selector");
        send(c1, text(TOPIC, "one"));
        send(c1, text(TOPIC, "two"));
        Thread.sleep(150);
        assertEquals(2, a.waiting() + b.waiting());
        c1.closeConsumer(1);
        c2.closeConsumer(1);
        send(c1, text(TOPIC, "kept"));
        Recorder later = new Recorder();
        c1.createConsumer(sharedDurable(3, "sd", null), later);
        assertEquals("kept", later.nextText());
    }

    @Test
    void unsubscribeErrors() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        connection.setClientId("c");
        assertThrows(InvalidDestinationException.class, () -> connection.unsubscribe("none"));
        connection.createConsumer(durable(1, "d", null, false), new Recorder());
        assertThrows(IllegalStateException.class, () -> connection.unsubscribe("d"));
        connection.closeConsumer(1);
        connection.unsubscribe("d");
        assertThrows(InvalidDestinationException.class, () -> connection.unsubscribe("d"));
    }

    @Test
    void noLocalSkipsMessagesOfTheSameConnection() throws Exception {
        TernBroker broker = memoryBroker();
        BrokerConnection self = broker.connect(null);
        BrokerConnection other = broker.connect(null);
        Recorder recorder = new Recorder();
        self.createConsumer(ConsumerSpec.simple(1, TOPIC, null, true, 10), recorder);
        send(self, text(TOPIC, "mine"));
        send(other, text(TOPIC, "theirs"));
        assertEquals("theirs", recorder.nextText());
        recorder.assertNothingFor(100);
    }

    @Test
    void durableNoLocalDoesNotStoreMessagesOfItsOwnClient() throws Exception {
        TernBroker broker = memoryBroker();
        BrokerConnection self = broker.connect(null);
        self.setClientId("me");
        self.createConsumer(durable(1, "d", null, true), new Recorder());
        self.closeConsumer(1);
        send(self, text(TOPIC, "mine"));
        BrokerConnection other = broker.connect(null);
        send(other, text(TOPIC, "theirs"));
        Recorder recorder = new Recorder();
        self.createConsumer(durable(2, "d", null, true), recorder);
        assertEquals("theirs", recorder.nextText());
        recorder.assertNothingFor(100);
    }
}
