package dev.tern.broker;

import dev.tern.message.TernTextMessage;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DestinationRef;
import jakarta.jms.DeliveryMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Stops a persistent broker and starts it again on the same directory. */
class RestartTest extends BrokerTestSupport {

    private static final DestinationRef QUEUE = DestinationRef.queue("durable-work");
    private static final DestinationRef TOPIC = DestinationRef.topic("events");

    @TempDir
    Path dataDir;

    private TernBroker startOnDataDir(String name) {
        return start(BrokerConfig.builder(name).dataDirectory(dataDir).build());
    }

    private static ConsumerSpec durable(long id) {
        return new ConsumerSpec(id, TOPIC, "kind = 'keep'", false, "audit", true, false, 100);
    }

    @Test
    void unacknowledgedPersistentMessagesAndDurableSubscriptionsSurviveARestart() throws Exception {
        String name = uniqueName();
        TernBroker broker = startOnDataDir(name);
        BrokerConnection connection = broker.connect(null);
        connection.setClientId("auditor");
        connection.createConsumer(durable(1), new Recorder());
        connection.closeConsumer(1);
        for (int i = 0; i < 5; i++) {
            send(connection, persistentText(QUEUE, "q" + i));
        }
        send(connection, text(QUEUE, "non-persistent"));
        for (String kind : new String[] {"keep", "skip", "keep"}) {
            TernTextMessage event = message(TOPIC, "event-" + kind);
            event.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
            event.setStringProperty("kind", kind);
            send(connection, encode(event));
        }
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(2, QUEUE, 2), recorder);
        Delivery q0 = recorder.next();
        Delivery q1 = recorder.next();
        connection.acknowledge(0, tags(q0, q1));
        connection.send(9, persistentText(QUEUE, "uncommitted")).get();
        broker.stop();

        TernBroker restarted = startOnDataDir(name);
        BrokerConnection again = restarted.connect(null);
        assertTexts(List.of("q2", "q3", "q4"), again.browse(QUEUE, null));
        again.setClientId("auditor");
        Recorder events = new Recorder();
        again.createConsumer(durable(1), events);
        Delivery e1 = events.next();
        Delivery e2 = events.next();
        assertEquals(List.of("event-keep", "event-keep"), List.of(textOf(e1), textOf(e2)));
        events.assertNothingFor(100);
        again.closeConsumer(1);
        assertThrows(jakarta.jms.IllegalStateException.class, () -> again.unsubscribe("audit"),
                "unacknowledged messages");
        again.acknowledge(0, tags(e1, e2));
        again.unsubscribe("audit");
        assertThrows(jakarta.jms.InvalidDestinationException.class, () -> again.unsubscribe("audit"));

        // new messages get sequence numbers after the recovered ones: order is kept
        send(again, persistentText(QUEUE, "q5"));
        Recorder consumer = new Recorder();
        again.createConsumer(consumer(3, QUEUE, 10), consumer);
        assertEquals(List.of("q2", "q3", "q4", "q5"), consumer.texts(4));
    }

    @Test
    void acknowledgedAndUnsubscribedStateStaysGoneAfterRestart() throws Exception {
        String name = uniqueName();
        TernBroker broker = startOnDataDir(name);
        BrokerConnection connection = broker.connect(null);
        send(connection, persistentText(QUEUE, "done"));
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 10), recorder);
        connection.acknowledge(5, tags(recorder.next()));
        connection.commit(5);
        connection.setClientId("c");
        connection.createConsumer(durable(2), new Recorder());
        connection.closeConsumer(2);
        connection.unsubscribe("audit");
        broker.stop();

        TernBroker restarted = startOnDataDir(name);
        BrokerConnection again = restarted.connect(null);
        assertEquals(List.of(), again.browse(QUEUE, null));
        again.setClientId("c");
        assertThrows(jakarta.jms.InvalidDestinationException.class, () -> again.unsubscribe("audit"));
    }
}
