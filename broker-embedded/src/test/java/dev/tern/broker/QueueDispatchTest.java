package dev.tern.broker;

import dev.tern.message.TernTextMessage;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DestinationRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueDispatchTest extends BrokerTestSupport {

    private static final DestinationRef QUEUE = DestinationRef.queue("orders");

    @Test
    void deliversInSendOrder() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        for (int i = 0; i < 20; i++) {
            send(connection, text(QUEUE, "m" + i));
        }
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 100), recorder);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, recorder.texts(20));
        connection.close();
    }

    @Test
    void higherPriorityFirstThenFifo() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        int[] priorities = {4, 9, 0, 9, 4};
        for (int i = 0; i < priorities.length; i++) {
            TernTextMessage message = message(QUEUE, "p" + priorities[i] + "-" + i);
            message.setJMSPriority(priorities[i]);
            send(connection, encode(message));
        }
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 10), recorder);
        assertEquals(List.of("p9-1", "p9-3", "p4-0", "p4-4", "p0-2"), recorder.texts(5));
    }

    @Test
    void competingConsumersGetEachMessageOnce() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 1000), a);
        connection.createConsumer(consumer(2, QUEUE, 1000), b);
        for (int i = 0; i < 100; i++) {
            send(connection, text(QUEUE, "m" + i));
        }
        Set<String> seen = new HashSet<>();
        long deadline = System.currentTimeMillis() + 5000;
        while (a.waiting() + b.waiting() < 100 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        int fromA = a.waiting();
        int fromB = b.waiting();
        assertEquals(100, fromA + fromB);
        seen.addAll(a.texts(fromA));
        seen.addAll(b.texts(fromB));
        assertEquals(100, seen.size());
        assertTrue(fromA > 0 && fromB > 0, "both consumers served: " + fromA + "/" + fromB);
    }

    @Test
    void creditLimitsWhatIsPushed() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        for (int i = 0; i < 10; i++) {
            send(connection, text(QUEUE, "m" + i));
        }
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 3), recorder);
        assertEquals(List.of("m0", "m1", "m2"), recorder.texts(3));
        recorder.assertNothingFor(100);
        connection.addCredit(1, 2);
        assertEquals(List.of("m3", "m4"), recorder.texts(2));
        recorder.assertNothingFor(100);
    }

    @Test
    void selectorConsumerGetsOnlyMatchingMessagesOthersStay() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        for (int i = 0; i < 6; i++) {
            TernTextMessage message = message(QUEUE, "m" + i);
            message.setStringProperty("color", i % 2 == 0 ? "red" : "blue");
            send(connection, encode(message));
        }
        Recorder red = new Recorder();
        connection.createConsumer(ConsumerSpec.simple(1, QUEUE, "color = 'red'", false, 100), red);
        assertEquals(List.of("m0", "m2", "m4"), red.texts(3));
        red.assertNothingFor(100);
        Recorder any = new Recorder();
        connection.createConsumer(consumer(2, QUEUE, 100), any);
        assertEquals(List.of("m1", "m3", "m5"), any.texts(3));
    }

    @Test
    void recoverTakesBackEverythingInFlightAndPausesTheConsumerUntilCredited() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        for (String body : List.of("a", "b", "c")) {
            send(connection, text(QUEUE, body));
        }
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 10), recorder);
        Delivery a = recorder.next();
        recorder.next();
        recorder.next();

        connection.recover(List.of(1L), tags(a)); // the application saw only "a"

        recorder.assertNothingFor(200); // credit is 0: nothing stale or new can be confused
        connection.addCredit(1, 10);
        List<Delivery> again = List.of(recorder.next(), recorder.next(), recorder.next());
        List<String> texts = new java.util.ArrayList<>();
        for (Delivery d : again) {
            texts.add(textOf(d));
        }
        assertEquals(List.of("a", "b", "c"), texts);
        assertEquals(List.of(2, 1, 1), again.stream().map(Delivery::deliveryCount).toList(),
                "only the seen message counts as redelivered");
    }

    @Test
    void releaseDeliveredRaisesCountReleaseUndeliveredDoesNot() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        send(connection, text(QUEUE, "a"));
        send(connection, text(QUEUE, "b"));
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 10), recorder);
        Delivery a = recorder.next();
        Delivery b = recorder.next();
        assertEquals(1, a.deliveryCount());
        connection.release(tags(b), false);
        connection.addCredit(1, 1);
        Delivery b2 = recorder.next();
        assertEquals("b", textOf(b2));
        assertEquals(1, b2.deliveryCount(), "an unseen prefetched message is not redelivered");
        connection.release(tags(a, b2), true);
        connection.addCredit(1, 2);
        Delivery a3 = recorder.next();
        Delivery b3 = recorder.next();
        assertEquals(List.of("a", "b"), List.of(textOf(a3), textOf(b3)), "original order kept");
        assertEquals(2, a3.deliveryCount());
        assertEquals(2, b3.deliveryCount());
        connection.acknowledge(0, tags(a3, b3));
        assertEquals(List.of(), connection.browse(QUEUE, null));
    }

    @Test
    void expiredMessagesAreNeverDeliveredNorBrowsed() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        TernTextMessage soon = message(QUEUE, "soon");
        soon.setJMSExpiration(System.currentTimeMillis() + 50);
        send(connection, encode(soon));
        TernTextMessage past = message(QUEUE, "past");
        past.setJMSExpiration(System.currentTimeMillis() - 1);
        send(connection, encode(past));
        send(connection, text(QUEUE, "lasting"));
        Thread.sleep(100);
        assertTexts(List.of("lasting"), connection.browse(QUEUE, null));
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 10), recorder);
        assertEquals("lasting", recorder.nextText());
        recorder.assertNothingFor(100);
    }

    @Test
    void delayedMessageArrivesOnlyAtItsDeliveryTime() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 10), recorder);
        TernTextMessage delayed = message(QUEUE, "later");
        long due = System.currentTimeMillis() + 300;
        delayed.setJMSDeliveryTime(due);
        send(connection, encode(delayed));
        send(connection, text(QUEUE, "now"));
        assertEquals("now", recorder.nextText());
        assertEquals(List.of(), connection.browse(QUEUE, null), "not yet available");
        assertEquals("later", recorder.nextText());
        assertTrue(System.currentTimeMillis() >= due, "delivered before its delivery time");
    }

    @Test
    void browseShowsPendingInDeliveryOrderMatchingSelector() throws Exception {
        BrokerConnection connection = memoryBroker().connect(null);
        for (int i = 0; i < 4; i++) {
            TernTextMessage message = message(QUEUE, "m" + i);
            message.setIntProperty("n", i);
            message.setJMSPriority(i == 3 ? 9 : 4);
            send(connection, encode(message));
        }
        Recorder recorder = new Recorder();
        connection.createConsumer(consumer(1, QUEUE, 1), recorder);
        assertEquals("m3", recorder.nextText());
        assertTexts(List.of("m0", "m1", "m2"), connection.browse(QUEUE, null));
        assertTexts(List.of("m1"), connection.browse(QUEUE, "n = 1"));
    }

    @Test
    void closingConnectionRedeliversInFlightAsRedelivered() throws Exception {
        TernBroker broker = memoryBroker();
        BrokerConnection first = broker.connect(null);
        send(first, text(QUEUE, "x"));
        Recorder recorder = new Recorder();
        first.createConsumer(consumer(1, QUEUE, 10), recorder);
        assertEquals(1, recorder.next().deliveryCount());
        first.close();
        BrokerConnection second = broker.connect(null);
        Recorder again = new Recorder();
        second.createConsumer(consumer(1, QUEUE, 10), again);
        Delivery redelivered = again.next();
        assertEquals("x", textOf(redelivered));
        assertEquals(2, redelivered.deliveryCount());
    }
}
