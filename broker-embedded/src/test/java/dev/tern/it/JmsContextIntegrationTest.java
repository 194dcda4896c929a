package dev.tern.it;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole simplified API (JMSContext, JMSProducer, JMSConsumer) against the embedded broker. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JmsContextIntegrationTest {

    private static final long WAIT = 5_000;
    private static final long ABSENT = 300;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ConnectionFactory cf = new TernConnectionFactory(EmbeddedBrokers.overTcp()
            ? EmbeddedBrokers.tcpUrl("ctx-it", java.util.Map.of("persistent", "false"))
            : "vm://ctx-it?persistent=false");
    private final List<JMSContext> contexts = new ArrayList<>();

    private JMSContext context(int mode) {
        JMSContext context = cf.createContext(mode);
        contexts.add(context);
        return context;
    }

    private JMSContext context() {
        return context(JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** Destinations are not shared between tests. */
    private static String unique(String what) {
        return "ctx-it-" + what + "-" + NAMES.incrementAndGet();
    }

    @AfterAll
    static void stopTcpBroker() {
        if (EmbeddedBrokers.overTcp()) {
            EmbeddedBrokers.discard("ctx-it");
        }
    }

    @AfterEach
    void closeContexts() {
        Collections.reverse(contexts);
        for (JMSContext context : contexts) {
            context.close();
        }
    }

    @Test
    void eachBodyTypeTravelsAndComesBackWithReceiveBody() {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("bodies"));
        JMSConsumer consumer = context.createConsumer(queue);
        JMSProducer producer = context.createProducer();
        byte[] bytes = {1, 2, 3};

        producer.send(queue, "text");
        producer.send(queue, Map.<String, Object>of("int", 1, "string", "s"));
        producer.send(queue, bytes);
        producer.send(queue, new ArrayList<>(List.of("a", "b")));
        producer.send(queue, context.createTextMessage("as a message"));

        assertEquals("text", consumer.receiveBody(String.class, WAIT));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = consumer.receiveBody(Map.class, WAIT);
        assertEquals(Map.of("int", 1, "string", "s"), map);
        assertArrayEquals(bytes, consumer.receiveBody(byte[].class, WAIT));
        assertEquals(List.of("a", "b"), consumer.receiveBody(List.class, WAIT));
        assertEquals("as a message", consumer.receiveBody(String.class));
        assertNull(consumer.receiveBodyNoWait(String.class));
    }

    @Test
    void nullBodiesSendMessagesOfTheRightTypeWithoutBody() throws JMSException {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("null-bodies"));
        JMSConsumer consumer = context.createConsumer(queue);
        JMSProducer producer = context.createProducer();

        producer.send(queue, (String) null);
        producer.send(queue, (Map<String, Object>) null);
        producer.send(queue, (byte[]) null);
        producer.send(queue, (java.io.Serializable) null);

        assertNull(((TextMessage) consumer.receive(WAIT)).getText());
        assertFalse(((MapMessage) consumer.receive(WAIT)).getMapNames().hasMoreElements());
        assertEquals(0, ((BytesMessage) consumer.receive(WAIT)).getBodyLength());
        assertNull(((ObjectMessage) consumer.receive(WAIT)).getObject());
    }

    @Test
    void propertiesHeadersAndOptionsOfTheProducerReachTheMessage() throws JMSException {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("headers"));
        Queue replyTo = context.createQueue(unique("reply"));
        JMSConsumer consumer = context.createConsumer(queue);
        JMSProducer producer = context.createProducer()
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(8).setTimeToLive(60_000)
                .setJMSType("order").setJMSCorrelationID("corr-1").setJMSReplyTo(replyTo)
                .setProperty("b", true).setProperty("y", (byte) 1).setProperty("sh", (short) 2).setProperty("i", 3)
                .setProperty("l", 4L).setProperty("f", 5.5f).setProperty("d", 6.5d).setProperty("s", "seven")
                .setProperty("o", (Object) 8);
        assertEquals(Set.of("b", "y", "sh", "i", "l", "f", "d", "s", "o"), producer.getPropertyNames());
        assertEquals("3", producer.getStringProperty("i"));
        assertEquals(1L, producer.getLongProperty("y"));
        assertEquals(4L, producer.getLongProperty("l"));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.getIntProperty("b"));
        assertThrows(NumberFormatException.class, () -> producer.getIntProperty("missing"));

        producer.send(queue, "with headers");

        Message m = consumer.receive(WAIT);
        assertNotNull(m);
        assertEquals(DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(8, m.getJMSPriority());
        assertTrue(m.getJMSExpiration() > System.currentTimeMillis());
        assertEquals("order", m.getJMSType());
        assertEquals("corr-1", m.getJMSCorrelationID());
        assertEquals(replyTo, m.getJMSReplyTo());
        assertNotNull(m.getJMSMessageID());
        assertTrue(m.getBooleanProperty("b"));
        assertEquals(1, m.getByteProperty("y"));
        assertEquals(2, m.getShortProperty("sh"));
        assertEquals(3, m.getIntProperty("i"));
        assertEquals(4L, m.getLongProperty("l"));
        assertEquals(5.5f, m.getFloatProperty("f"));
        assertEquals(6.5d, m.getDoubleProperty("d"));
        assertEquals("seven", m.getStringProperty("s"));
        assertEquals(8, m.getObjectProperty("o"));

        producer.clearProperties();
        assertTrue(producer.getPropertyNames().isEmpty());
    }

    @Test
    void aReceivedMessageCannotTakeTheProducersProperties() {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("read-only"));
        JMSConsumer consumer = context.createConsumer(queue);
        JMSProducer producer = context.createProducer();
        producer.send(queue, "once");
        Message received = consumer.receive(WAIT);

        producer.setProperty("added", 1);

        assertThrows(jakarta.jms.MessageNotWriteableRuntimeException.class, () -> producer.send(queue, received));
    }

    @Test
    void invalidArgumentsThrowTheNamedRuntimeExceptions() {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("invalid"));
        JMSProducer producer = context.createProducer();
        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, "x"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createConsumer(null));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.send(queue, (Message) null));
        assertThrows(JMSRuntimeException.class, () -> producer.setPriority(10));
        assertThrows(JMSRuntimeException.class, () -> producer.setDeliveryMode(0));
        assertThrows(IllegalArgumentException.class, () -> producer.setProperty("", 1));
        assertThrows(MessageFormatRuntimeException.class, () -> producer.setProperty("list", new ArrayList<>()));
        assertThrows(jakarta.jms.InvalidSelectorRuntimeException.class,
                () -> context.createConsumer(queue, "=TEST 'test'"));
        assertThrows(JMSRuntimeException.class, () -> cf.createContext(99));
    }

    @Test
    void aBodyOfTheWrongTypeIsDeliveredAgainInAutoMode() throws JMSException {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("wrong-type"));
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "text").send(queue, "second");

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, WAIT));
        Message again = consumer.receive(WAIT);
        assertEquals("text", ((TextMessage) again).getText());
        assertFalse(again.getJMSRedelivered(), "not a redelivery");
        assertEquals("second", consumer.receiveBody(String.class, WAIT));
    }

    @Test
    void streamAndPlainMessagesHaveNoBodyForReceiveBody() {
        JMSContext context = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = context.createQueue(unique("no-body"));
        JMSConsumer consumer = context.createConsumer(queue);
        JMSProducer producer = context.createProducer();
        producer.send(queue, context.createStreamMessage());
        producer.send(queue, context.createMessage());

        // In CLIENT_ACKNOWLEDGE a refused message counts as delivered: each call gets the next one.
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class, WAIT));
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class, WAIT));
        context.acknowledge();
        assertNull(consumer.receiveNoWait());
    }

    @Test
    void aDurableConsumerKeepsMessagesWhileInactive() {
        JMSContext context = context();
        context.setClientID(unique("client"));
        Topic topic = context.createTopic(unique("durable"));
        String subscription = unique("sub");
        JMSConsumer durable = context.createDurableConsumer(topic, subscription);
        durable.close();

        context.createProducer().send(topic, "while away");

        durable = context.createDurableConsumer(topic, subscription);
        assertEquals("while away", durable.receiveBody(String.class, WAIT));
        durable.close();
        context.unsubscribe(subscription);
    }

    @Test
    void aDurableSubscriptionNeedsAClientId() {
        JMSContext context = context();
        Topic topic = context.createTopic(unique("no-client-id"));
        assertThrows(IllegalStateRuntimeException.class, () -> context.createDurableConsumer(topic, unique("sub")));
    }

    @Test
    void sharedConsumersSplitTheSubscriptionsMessages() throws InterruptedException {
        JMSContext one = context();
        JMSContext two = context();
        Topic topic = one.createTopic(unique("shared"));
        String name = unique("shared-sub");
        JMSConsumer a = one.createSharedConsumer(topic, name);
        JMSConsumer b = two.createSharedConsumer(topic, name, null);
        Set<String> received = Collections.synchronizedSet(new HashSet<>());
        CountDownLatch all = new CountDownLatch(10);
        a.setMessageListener(m -> collect(m, received, all));
        b.setMessageListener(m -> collect(m, received, all));

        // Sessions with a listener belong to their delivery thread: send through a third context.
        JMSProducer producer = context().createProducer();
        for (int i = 0; i < 10; i++) {
            producer.send(topic, "m" + i);
        }

        assertTrue(all.await(WAIT, TimeUnit.MILLISECONDS));
        assertEquals(10, received.size());
        Thread.sleep(ABSENT);
        assertEquals(10, received.size(), "each message went to one consumer only");
    }

    private static void collect(Message message, Set<String> received, CountDownLatch all) {
        try {
            received.add(message.getBody(String.class));
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
        all.countDown();
    }

    @Test
    void aSharedDurableSubscriptionOutlivesItsConsumers() {
        JMSContext context = context();
        Topic topic = context.createTopic(unique("shared-durable"));
        String name = unique("sd-sub");
        context.createSharedDurableConsumer(topic, name).close();
        context.createProducer().send(topic, "kept");

        JMSConsumer consumer = context.createSharedDurableConsumer(topic, name, null);
        assertEquals("kept", consumer.receiveBody(String.class, WAIT));
        consumer.close();
        context.unsubscribe(name);
    }

    @Test
    void aTransactedContextSendsAndReceivesOnCommitOnly() throws JMSException {
        JMSContext transacted = context(JMSContext.SESSION_TRANSACTED);
        JMSContext observer = context();
        Queue queue = transacted.createQueue(unique("tx"));
        JMSConsumer watch = observer.createConsumer(queue);

        transacted.createProducer().send(queue, "rolled back");
        transacted.rollback();
        transacted.createProducer().send(queue, "committed");
        assertNull(watch.receive(ABSENT));
        transacted.commit();
        assertEquals("committed", watch.receiveBody(String.class, WAIT));
        assertNull(watch.receive(ABSENT));

        watch.close();
        observer.createProducer().send(queue, "consumed twice");
        JMSConsumer consumer = transacted.createConsumer(queue);
        assertEquals("consumed twice", consumer.receiveBody(String.class, WAIT));
        transacted.rollback();
        Message redelivered = consumer.receive(WAIT);
        assertTrue(redelivered.getJMSRedelivered());
        transacted.commit();
        assertNull(consumer.receive(ABSENT));
    }

    @Test
    void clientAcknowledgeKeepsMessagesUntilTheContextAcknowledges() throws JMSException {
        JMSContext client = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = client.createQueue(unique("client-ack"));
        client.createProducer().send(queue, "one").send(queue, "two");
        JMSConsumer consumer = client.createConsumer(queue);
        assertEquals("one", consumer.receiveBody(String.class, WAIT));
        assertEquals("two", consumer.receiveBody(String.class, WAIT));

        client.recover();
        Message again = consumer.receive(WAIT);
        assertTrue(again.getJMSRedelivered());
        assertEquals("two", consumer.receiveBody(String.class, WAIT));
        client.acknowledge();
        consumer.close();

        JMSContext later = context();
        assertNull(later.createConsumer(queue).receive(ABSENT), "both were acknowledged");
    }

    @Test
    void unacknowledgedMessagesComeBackAfterClose() {
        JMSContext client = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = client.createQueue(unique("unacked"));
        client.createProducer().send(queue, "not acknowledged");
        assertEquals("not acknowledged", client.createConsumer(queue).receiveBody(String.class, WAIT));
        client.close();

        assertEquals("not acknowledged", context().createConsumer(queue).receiveBody(String.class, WAIT));
    }

    @Test
    void createContextSharesTheConnectionUntilTheLastCloses() {
        JMSContext parent = context();
        JMSContext child = parent.createContext(JMSContext.SESSION_TRANSACTED);
        assertEquals(parent.getClientID(), child.getClientID());
        Queue queue = parent.createQueue(unique("shared-connection"));
        JMSConsumer consumer = parent.createConsumer(queue);

        child.createProducer().send(queue, "from the child");
        child.commit();
        assertEquals("from the child", consumer.receiveBody(String.class, WAIT));

        parent.close();
        TemporaryQueue temporary = child.createTemporaryQueue();
        child.createProducer().send(temporary, "connection still open");
        child.commit();
        assertEquals("connection still open", child.createConsumer(temporary).receiveBody(String.class, WAIT));
        child.close();
        assertThrows(IllegalStateRuntimeException.class, () -> child.createProducer());
    }

    @Test
    void withAutoStartOffNothingArrivesUntilStart() {
        JMSContext context = context();
        context.setAutoStart(false);
        assertFalse(context.getAutoStart());
        Queue queue = context.createQueue(unique("auto-start"));
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "waiting");

        assertNull(consumer.receive(ABSENT));
        context.start();
        assertEquals("waiting", consumer.receiveBody(String.class, WAIT));
        context.stop();
        context.createProducer().send(queue, "while stopped");
        assertNull(consumer.receive(ABSENT));
        context.start();
        assertEquals("while stopped", consumer.receiveBody(String.class, WAIT));
    }

    @Test
    void theClientIdIsSetFirstOrNever() {
        JMSContext first = context();
        String id = unique("id");
        first.setClientID(id);
        assertEquals(id, first.getClientID());
        assertThrows(IllegalStateRuntimeException.class, () -> first.setClientID(unique("id")));
        JMSContext child = first.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        contexts.add(child);
        assertThrows(IllegalStateRuntimeException.class, () -> child.setClientID(unique("id")));

        JMSContext late = context();
        late.createProducer();
        assertThrows(IllegalStateRuntimeException.class, () -> late.setClientID(unique("id")));

        JMSContext duplicate = context();
        assertThrows(jakarta.jms.InvalidClientIDRuntimeException.class, () -> duplicate.setClientID(id));
    }

    @Test
    void aClosedContextThrowsIllegalStateRuntimeException() {
        JMSContext context = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = context.createQueue(unique("closed"));
        JMSProducer producer = context.createProducer();
        JMSConsumer consumer = context.createConsumer(queue);
        context.close();
        assertDoesNotThrow(context::close);

        assertThrows(IllegalStateRuntimeException.class, context::acknowledge);
        assertThrows(IllegalStateRuntimeException.class, context::createProducer);
        assertThrows(IllegalStateRuntimeException.class, () -> context.createConsumer(queue));
        assertThrows(IllegalStateRuntimeException.class, context::createTextMessage);
        assertThrows(IllegalStateRuntimeException.class, context::getClientID);
        assertThrows(IllegalStateRuntimeException.class, () -> producer.send(queue, "late"));
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receive(ABSENT));
    }

    @Test
    void anAsyncSendCompletesAndItsListenerMayNotCloseTheContext() throws InterruptedException {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("async"));
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> closeFromListener = new AtomicReference<>();
        AtomicReference<Message> completed = new AtomicReference<>();
        JMSProducer producer = context.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    context.close();
                } catch (Throwable t) {
                    closeFromListener.set(t);
                }
                completed.set(message);
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                closeFromListener.set(exception);
                done.countDown();
            }
        });

        producer.send(queue, "async");

        assertTrue(done.await(WAIT, TimeUnit.MILLISECONDS));
        assertInstanceOf(IllegalStateRuntimeException.class, closeFromListener.get());
        assertNotNull(completed.get());
        assertEquals("async", context.createConsumer(queue).receiveBody(String.class, WAIT));
    }

    /** JMS 2.0 section 7.3.8 forbids close, commit and rollback to a CompletionListener, not stop. */
    @Test
    void aCompletionListenerMayStopItsOwnContext() throws InterruptedException {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("stop-from-completion"));
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> stopFromListener = new AtomicReference<>();
        JMSProducer producer = context.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    context.stop();
                } catch (Throwable t) {
                    stopFromListener.set(t);
                }
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                stopFromListener.set(exception);
                done.countDown();
            }
        });

        producer.send(queue, "async");

        assertTrue(done.await(WAIT, TimeUnit.MILLISECONDS));
        assertNull(stopFromListener.get());
        context.start();
        assertEquals("async", context.createConsumer(queue).receiveBody(String.class, WAIT));
    }

    @Test
    void aMessageListenerReceivesAndMayNotCloseItsContext() throws InterruptedException {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("listener"));
        CountDownLatch received = new CountDownLatch(1);
        AtomicReference<Throwable> closeFromListener = new AtomicReference<>();
        AtomicReference<Throwable> stopFromListener = new AtomicReference<>();
        JMSConsumer consumer = context.createConsumer(queue);
        consumer.setMessageListener(message -> {
            closeFromListener.set(assertThrows(Throwable.class, context::close));
            stopFromListener.set(assertThrows(Throwable.class, context::stop));
            received.countDown();
        });

        context().createProducer().send(queue, "to the listener");

        assertTrue(received.await(WAIT, TimeUnit.MILLISECONDS));
        assertInstanceOf(IllegalStateRuntimeException.class, closeFromListener.get());
        assertInstanceOf(IllegalStateRuntimeException.class, stopFromListener.get());
    }

    @Test
    void aBrowserSeesWithoutConsuming() {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("browse"));
        context.createProducer().send(queue, "a").send(queue, "b");
        context.start();

        QueueBrowser browser = context.createBrowser(queue);
        int count = 0;
        try {
            for (var e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                count++;
            }
            browser.close();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
        assertEquals(2, count);
        assertEquals("a", context.createConsumer(queue).receiveBody(String.class, WAIT));
    }

    @Test
    void aDeliveryDelayHoldsTheMessageBack() {
        JMSContext context = context();
        Queue queue = context.createQueue(unique("delay"));
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().setDeliveryDelay(1_000).send(queue, "later");

        assertNull(consumer.receive(ABSENT));
        assertEquals("later", consumer.receiveBody(String.class, WAIT));
    }

    @Test
    void metaDataAndExceptionListenerComeFromTheConnection() throws JMSException {
        JMSContext context = context();
        assertTrue(context.getMetaData().getJMSMajorVersion() >= 2);
        jakarta.jms.ExceptionListener listener = e -> { };
        context.setExceptionListener(listener);
        assertEquals(listener, context.getExceptionListener());
    }
}
