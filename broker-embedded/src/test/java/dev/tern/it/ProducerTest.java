package dev.tern.it;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message producers: send overloads, defaults, headers a send sets, async send, priority, expiry, delay. */
class ProducerTest extends BrokerTestSupport {

    private Connection connection;
    private Session session;
    private Queue queue;
    private MessageConsumer consumer;

    @BeforeEach
    void open() throws JMSException {
        connection = started();
        session = connection.createSession();
        queue = session.createQueue("produced");
    }

    private MessageConsumer consumer() throws JMSException {
        if (consumer == null) {
            consumer = connection.createSession().createConsumer(queue);
        }
        return consumer;
    }

    private Message receive() throws JMSException {
        Message message = consumer().receive(RECEIVE_MS);
        assertNotNull(message, "expected a message");
        return message;
    }

    // ---- defaults and their validation

    @Test
    void producerDefaults() throws Exception {
        // 7.2 and the MessageProducer javadoc: PERSISTENT, priority 4, no expiry, no delay, ids and timestamps on
        MessageProducer producer = session.createProducer(queue);
        assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, producer.getPriority());
        assertEquals(4, producer.getPriority());
        assertEquals(0, producer.getTimeToLive());
        assertEquals(0, producer.getDeliveryDelay());
        assertFalse(producer.getDisableMessageID());
        assertFalse(producer.getDisableMessageTimestamp());
        assertEquals(queue, producer.getDestination());
    }

    @Test
    void producerDefaultsCanBeChanged() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.setPriority(9);
        producer.setTimeToLive(1234);
        producer.setDeliveryDelay(55);
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
        assertEquals(DeliveryMode.NON_PERSISTENT, producer.getDeliveryMode());
        assertEquals(9, producer.getPriority());
        assertEquals(1234, producer.getTimeToLive());
        assertEquals(55, producer.getDeliveryDelay());
        assertTrue(producer.getDisableMessageID());
        assertTrue(producer.getDisableMessageTimestamp());
    }

    @Test
    void invalidDefaultPriorityOrDeliveryModeIsRejected() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        assertThrows(JMSException.class, () -> producer.setPriority(10));
        assertThrows(JMSException.class, () -> producer.setPriority(-1));
        assertThrows(JMSException.class, () -> producer.setDeliveryMode(0));
        assertThrows(JMSException.class, () -> producer.setDeliveryMode(3));
        assertEquals(4, producer.getPriority());
        assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode());
    }

    @Test
    void invalidPriorityOrDeliveryModeOnSendIsRejectedAndNothingIsSent() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        TextMessage message = session.createTextMessage("bad");
        assertThrows(JMSException.class, () -> producer.send(message, DeliveryMode.PERSISTENT, 10, 0));
        assertThrows(JMSException.class, () -> producer.send(message, DeliveryMode.PERSISTENT, -1, 0));
        assertThrows(JMSException.class, () -> producer.send(message, 7, 4, 0));
        assertNoMessage(consumer());
    }

    // ---- every send overload

    @Test
    void sendWithProducerDefaults() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.setPriority(6);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.send(session.createTextMessage("defaults"));
        Message received = receive();
        assertEquals("defaults", text(received));
        assertEquals(6, received.getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(0, received.getJMSExpiration());
    }

    @Test
    void sendWithExplicitModePriorityAndTimeToLive() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("explicit"), DeliveryMode.NON_PERSISTENT, 8, 60_000);
        Message received = receive();
        assertEquals("explicit", text(received));
        assertEquals(8, received.getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
        assertTrue(received.getJMSExpiration() > System.currentTimeMillis());
        // the producer's defaults are untouched
        assertEquals(4, producer.getPriority());
    }

    @Test
    void sendToADestinationWithAnUnidentifiedProducer() throws Exception {
        MessageProducer producer = session.createProducer(null);
        assertNull(producer.getDestination());
        producer.send(queue, session.createTextMessage("to queue"));
        producer.send(queue, session.createTextMessage("explicit"), DeliveryMode.PERSISTENT, 2, 0);
        Message first = receive();
        assertEquals("to queue", text(first));
        assertEquals(4, first.getJMSPriority());
        Message second = receive();
        assertEquals("explicit", text(second));
        assertEquals(2, second.getJMSPriority());
        assertEquals(DeliveryMode.PERSISTENT, second.getJMSDeliveryMode());
    }

    @Test
    void asyncSendOverloadsAllComplete() throws Exception {
        MessageProducer identified = session.createProducer(queue);
        MessageProducer unidentified = session.createProducer(null);
        RecordingCompletionListener listener = new RecordingCompletionListener(4);
        identified.send(session.createTextMessage("a1"), listener);
        identified.send(session.createTextMessage("a2"), DeliveryMode.NON_PERSISTENT, 3, 0, listener);
        unidentified.send(queue, session.createTextMessage("a3"), listener);
        unidentified.send(queue, session.createTextMessage("a4"), DeliveryMode.PERSISTENT, 5, 0, listener);
        listener.await();
        assertEquals(List.of("a1", "a2", "a3", "a4"), listener.completedTexts());
        assertNull(listener.failure.get());

        List<String> received = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Message m = receive();
            received.add(text(m) + ":" + m.getJMSPriority());
        }
        assertTrue(received.containsAll(List.of("a1:4", "a2:3", "a3:4", "a4:5")), received.toString());
    }

    @Test
    void queueSenderAndTopicPublisherOverloads() throws Exception {
        QueueConnection queueConnection = track(factory().createQueueConnection());
        queueConnection.start();
        QueueSession queueSession = queueConnection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueSender sender = queueSession.createSender(queue);
        assertEquals(queue, sender.getQueue());
        sender.send(queueSession.createTextMessage("s1"));
        sender.send(queueSession.createTextMessage("s2"), DeliveryMode.PERSISTENT, 1, 0);
        QueueSender anonymousSender = queueSession.createSender(null);
        anonymousSender.send(queue, queueSession.createTextMessage("s3"));
        anonymousSender.send(queue, queueSession.createTextMessage("s4"), DeliveryMode.PERSISTENT, 1, 0);
        assertEquals(Set.of("s1", "s2", "s3", "s4"), new HashSet<>(receiveTexts(consumer(), 4)));

        TopicConnection topicConnection = track(factory().createTopicConnection());
        topicConnection.start();
        TopicSession topicSession = topicConnection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = topicSession.createTopic("published");
        MessageConsumer subscriber = topicSession.createSubscriber(topic);
        TopicPublisher publisher = topicSession.createPublisher(topic);
        assertEquals(topic, publisher.getTopic());
        publisher.publish(topicSession.createTextMessage("p1"));
        publisher.publish(topicSession.createTextMessage("p2"), DeliveryMode.NON_PERSISTENT, 4, 0);
        TopicPublisher anonymousPublisher = topicSession.createPublisher(null);
        anonymousPublisher.publish(topic, topicSession.createTextMessage("p3"));
        anonymousPublisher.publish(topic, topicSession.createTextMessage("p4"), DeliveryMode.NON_PERSISTENT, 4, 0);
        assertEquals(List.of("p1", "p2", "p3", "p4"), receiveTexts(subscriber, 4));
    }

    // ---- unidentified producer rules (MessageProducer javadoc)

    @Test
    void unidentifiedProducerNeedsADestinationPerSend() throws Exception {
        MessageProducer producer = session.createProducer(null);
        TextMessage message = session.createTextMessage("x");
        assertThrows(UnsupportedOperationException.class, () -> producer.send(message));
        assertThrows(UnsupportedOperationException.class,
                () -> producer.send(message, DeliveryMode.PERSISTENT, 4, 0));
        assertThrows(InvalidDestinationException.class, () -> producer.send(null, message));
        assertThrows(InvalidDestinationException.class,
                () -> producer.send(null, message, DeliveryMode.PERSISTENT, 4, 0));
    }

    @Test
    void identifiedProducerRejectsAnotherDestinationPerSend() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        TextMessage message = session.createTextMessage("x");
        Queue other = session.createQueue("other");
        assertThrows(UnsupportedOperationException.class, () -> producer.send(other, message));
        assertThrows(UnsupportedOperationException.class,
                () -> producer.send(other, message, DeliveryMode.PERSISTENT, 4, 0));
    }

    @Test
    void sendingNullIsAnInvalidMessage() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        assertThrows(MessageFormatException.class, () -> producer.send(null));
    }

    @Test
    void asyncSendNeedsACompletionListener() throws Exception {
        // MessageProducer.send(Message, CompletionListener): IllegalArgumentException for a null listener
        MessageProducer producer = session.createProducer(queue);
        assertThrows(IllegalArgumentException.class,
                () -> producer.send(session.createTextMessage("x"), (CompletionListener) null));
    }

    // ---- headers set by send (3.4)

    @Test
    void sendSetsTheHeadersOnTheSentMessage() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.setPriority(7);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.setTimeToLive(60_000);
        TextMessage message = session.createTextMessage("headers");
        long before = System.currentTimeMillis();
        producer.send(message);
        long after = System.currentTimeMillis();

        assertNotNull(message.getJMSMessageID());
        assertTrue(message.getJMSMessageID().startsWith("ID:"), message.getJMSMessageID());
        assertEquals(queue, message.getJMSDestination());
        assertEquals(DeliveryMode.NON_PERSISTENT, message.getJMSDeliveryMode());
        assertEquals(7, message.getJMSPriority());
        assertBetween(before, after, message.getJMSTimestamp(), "JMSTimestamp");
        assertBetween(before + 60_000, after + 60_000, message.getJMSExpiration(), "JMSExpiration");
        assertBetween(before, after, message.getJMSDeliveryTime(), "JMSDeliveryTime");

        Message received = receive();
        assertEquals(message.getJMSMessageID(), received.getJMSMessageID());
        assertEquals("produced", ((Queue) received.getJMSDestination()).getQueueName());
        assertEquals(message.getJMSTimestamp(), received.getJMSTimestamp());
        assertEquals(message.getJMSExpiration(), received.getJMSExpiration());
        assertEquals(message.getJMSDeliveryTime(), received.getJMSDeliveryTime());
        assertEquals(7, received.getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
        assertFalse(received.getJMSRedelivered());
    }

    @Test
    void sendOverwritesHeadersTheApplicationSet() throws Exception {
        // 3.4.11: the values of these headers set by the client before send are ignored
        TextMessage message = session.createTextMessage("overwritten");
        message.setJMSPriority(1);
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSExpiration(1);
        message.setJMSMessageID("ID:mine");
        session.createProducer(queue).send(message);
        Message received = receive();
        assertEquals(4, received.getJMSPriority());
        assertEquals(DeliveryMode.PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(0, received.getJMSExpiration());
        assertFalse("ID:mine".equals(received.getJMSMessageID()));
    }

    @Test
    void clientSetHeadersJmsTypeCorrelationIdAndReplyToArrive() throws Exception {
        TextMessage message = session.createTextMessage("client headers");
        Queue replyTo = session.createQueue("replies");
        message.setJMSType("order");
        message.setJMSCorrelationID("corr-1");
        message.setJMSReplyTo(replyTo);
        session.createProducer(queue).send(message);
        Message received = receive();
        assertEquals("order", received.getJMSType());
        assertEquals("corr-1", received.getJMSCorrelationID());
        assertEquals("replies", ((Queue) received.getJMSReplyTo()).getQueueName());
    }

    @Test
    void everySentMessageGetsAUniqueId() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        MessageProducer other = connect().createSession().createProducer(queue);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Message a = session.createMessage();
            producer.send(a);
            Message b = session.createMessage();
            other.send(b);
            ids.add(a.getJMSMessageID());
            ids.add(b.getJMSMessageID());
        }
        assertEquals(100, ids.size());
    }

    @Test
    void disabledMessageIdAndTimestampAreEitherNullOrNormal() throws Exception {
        // 3.4.3 / 3.4.4: a hint; if the provider accepts it the ID is null and the timestamp 0
        MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
        Message message = session.createTextMessage("anonymous");
        producer.send(message);
        String id = message.getJMSMessageID();
        assertTrue(id == null || id.startsWith("ID:"), id);
        Message received = receive();
        assertEquals(id, received.getJMSMessageID());
        assertEquals(message.getJMSTimestamp(), received.getJMSTimestamp());
    }

    // ---- asynchronous send (7.3)

    @Test
    void completionListenerIsCalledWithTheSentMessage() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        TextMessage message = session.createTextMessage("async");
        RecordingCompletionListener listener = new RecordingCompletionListener(1);
        producer.send(message, listener);
        listener.await();
        assertSame(message, listener.completed.get(0));
        assertNotNull(message.getJMSMessageID());
        assertEquals("async", text(receive()));
    }

    @Test
    void completionListenersAreCalledInSendOrder() throws Exception {
        // 7.3.6: callbacks for one session are performed in the order the sends were made
        MessageProducer producer = session.createProducer(queue);
        RecordingCompletionListener listener = new RecordingCompletionListener(30);
        List<String> sent = texts("m", 30);
        for (String text : sent) {
            producer.send(session.createTextMessage(text), listener);
        }
        listener.await();
        assertEquals(sent, listener.completedTexts());
        assertEquals(sent, receiveTexts(consumer(), 30));
    }

    @Test
    void completionListenerMustNotCloseOrCommitItsOwnObjects() throws Exception {
        // 7.3.5: close of own connection/session/producer, commit, rollback from the callback → IllegalStateException
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        producer.send(transacted.createTextMessage("cb"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                outcomes.add(attempt("producer.close", producer::close));
                outcomes.add(attempt("session.commit", transacted::commit));
                outcomes.add(attempt("session.rollback", transacted::rollback));
                outcomes.add(attempt("session.close", transacted::close));
                outcomes.add(attempt("connection.close", connection::close));
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcomes.add("onException " + exception);
                done.countDown();
            }
        });
        assertTrue(done.await(RECEIVE_MS, TimeUnit.MILLISECONDS));
        assertEquals(List.of("producer.close:IllegalStateException", "session.commit:IllegalStateException",
                "session.rollback:IllegalStateException", "session.close:IllegalStateException",
                "connection.close:IllegalStateException"), outcomes);
    }

    interface Attempt {
        void run() throws Exception;
    }

    private static String attempt(String name, Attempt action) {
        try {
            action.run();
            return name + ":ok";
        } catch (Exception e) {
            return name + ":" + e.getClass().getSimpleName();
        }
    }

    @Test
    void asyncSendInATransactionIsVisibleAfterCommit() throws Exception {
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        RecordingCompletionListener listener = new RecordingCompletionListener(1);
        transacted.createProducer(queue).send(transacted.createTextMessage("tx async"), listener);
        listener.await();
        assertNoMessage(consumer());
        transacted.commit();
        assertEquals("tx async", text(receive()));
    }

    // ---- priority (3.4.10)

    @Test
    void higherPriorityIsDeliveredFirst() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("low"), DeliveryMode.PERSISTENT, 1, 0);
        producer.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);
        assertEquals(List.of("high", "low"), receiveTexts(consumer(), 2));
    }

    @Test
    void messagesOfEqualPriorityStayInSendOrder() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        for (int i = 1; i <= 5; i++) {
            producer.send(session.createTextMessage("low" + i), DeliveryMode.PERSISTENT, 2, 0);
            producer.send(session.createTextMessage("high" + i), DeliveryMode.PERSISTENT, 8, 0);
            producer.send(session.createTextMessage("normal" + i));
        }
        List<String> expected = new ArrayList<>(texts("high", 5));
        expected.addAll(texts("normal", 5));
        expected.addAll(texts("low", 5));
        assertEquals(expected, receiveTexts(consumer(), 15));
    }

    // ---- time to live (3.4.9)

    @Test
    void expiredMessagesAreNeverDelivered() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("short-lived"), DeliveryMode.PERSISTENT, 4, 100);
        producer.send(session.createTextMessage("long-lived"), DeliveryMode.PERSISTENT, 4, 60_000);
        producer.send(session.createTextMessage("immortal"));
        Thread.sleep(ABSENT_MS);
        assertEquals(List.of("long-lived", "immortal"), drainTexts(consumer()));
    }

    @Test
    void expiredMessagesAreNotBrowsed() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("short-lived"), DeliveryMode.NON_PERSISTENT, 4, 100);
        producer.send(session.createTextMessage("kept"));
        Thread.sleep(ABSENT_MS);
        List<String> browsed = new ArrayList<>();
        for (Message m : browse(session.createBrowser(queue))) {
            browsed.add(text(m));
        }
        assertEquals(List.of("kept"), browsed);
    }

    // ---- delivery delay (7.9)

    @Test
    void deliveryDelayHoldsTheMessageBack() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(800);
        TextMessage message = session.createTextMessage("later");
        long sent = System.currentTimeMillis();
        producer.send(message);
        assertTrue(message.getJMSDeliveryTime() >= sent + 800, "JMSDeliveryTime " + message.getJMSDeliveryTime());

        assertNull(consumer().receive(ABSENT_MS), "delivered before its delivery time");
        Message received = consumer().receive(RECEIVE_MS + 800);
        assertEquals("later", text(received));
        assertTrue(System.currentTimeMillis() >= sent + 800);
        assertEquals(message.getJMSDeliveryTime(), received.getJMSDeliveryTime());
    }

    @Test
    void delayedMessageDoesNotHoldBackLaterOnes() throws Exception {
        MessageProducer delayed = session.createProducer(queue);
        delayed.setDeliveryDelay(800);
        delayed.send(session.createTextMessage("later"));
        session.createProducer(queue).send(session.createTextMessage("now"));
        assertEquals("now", text(receive()));
        assertEquals("later", text(consumer().receive(RECEIVE_MS + 800)));
    }

    // ---- foreign messages (3.12)

    @Test
    void foreignMessageIsSentAndArrivesAsATernTextMessage() throws Exception {
        ForeignTextMessage foreign = new ForeignTextMessage("from elsewhere");
        foreign.setStringProperty("origin", "test");
        foreign.setIntProperty("count", 3);
        foreign.setBooleanProperty("flag", true);
        foreign.setDoubleProperty("ratio", 0.25);
        foreign.setLongProperty("big", Long.MAX_VALUE);
        foreign.setJMSType("foreign-type");
        foreign.setJMSCorrelationID("foreign-corr");
        session.createProducer(queue).send(foreign);

        // the provider sets the send headers on the foreign object itself
        assertNotNull(foreign.getJMSMessageID());
        assertTrue(foreign.getJMSMessageID().startsWith("ID:"));
        assertEquals(queue, foreign.getJMSDestination());
        assertEquals(DeliveryMode.PERSISTENT, foreign.getJMSDeliveryMode());
        assertTrue(foreign.getJMSTimestamp() > 0);

        Message received = receive();
        assertEquals("from elsewhere", assertInstanceOf(TextMessage.class, received).getText());
        assertEquals(foreign.getJMSMessageID(), received.getJMSMessageID());
        assertEquals("test", received.getStringProperty("origin"));
        assertEquals(3, received.getIntProperty("count"));
        assertTrue(received.getBooleanProperty("flag"));
        assertEquals(0.25, received.getDoubleProperty("ratio"));
        assertEquals(Long.MAX_VALUE, received.getLongProperty("big"));
        assertEquals("foreign-type", received.getJMSType());
        assertEquals("foreign-corr", received.getJMSCorrelationID());
    }

    // ---- helpers

    private static void assertBetween(long low, long high, long actual, String what) {
        assertTrue(actual >= low && actual <= high, what + " " + actual + " not in [" + low + ", " + high + "]");
    }

    /** Records completions in callback order. */
    static final class RecordingCompletionListener implements CompletionListener {
        final List<Message> completed = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<Exception> failure = new AtomicReference<>();
        private final CountDownLatch latch;

        RecordingCompletionListener(int expected) {
            latch = new CountDownLatch(expected);
        }

        @Override
        public void onCompletion(Message message) {
            completed.add(message);
            latch.countDown();
        }

        @Override
        public void onException(Message message, Exception exception) {
            failure.compareAndSet(null, exception);
            latch.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(latch.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "completions missing: " + completed.size());
        }

        List<String> completedTexts() throws JMSException {
            List<String> texts = new ArrayList<>();
            synchronized (completed) {
                for (Message m : completed) {
                    texts.add(text(m));
                }
            }
            return texts;
        }
    }

    @Test
    void closedSessionRejectsSendOfAnyOverload() throws Exception {
        MessageProducer producer = session.createProducer(null);
        Message message = session.createMessage();
        session.close();
        assertThrows(IllegalStateException.class, () -> producer.send(queue, message));
        assertThrows(IllegalStateException.class, () -> producer.send(queue, message,
                new RecordingCompletionListener(1)));
    }
}
