package dev.tern.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Message selectors end to end: where they filter and what invalid ones do (spec 3.8). */
class SelectorTest extends BrokerTestSupport {

    private Connection connection;
    private Session session;
    private Queue queue;
    private MessageProducer producer;

    @BeforeEach
    void open() throws JMSException {
        connection = started("clientID=selective");
        session = connection.createSession();
        queue = session.createQueue("selected");
        producer = session.createProducer(null);
    }

    private void send(jakarta.jms.Destination destination, String text, String color, int n) throws JMSException {
        TextMessage message = session.createTextMessage(text);
        if (color != null) {
            message.setStringProperty("color", color);
        }
        message.setIntProperty("n", n);
        producer.send(destination, message);
    }

    @Test
    void queueConsumerGetsOnlyMatchingMessagesAndLeavesTheOthers() throws Exception {
        MessageConsumer red = session.createConsumer(queue, "color = 'red'");
        send(queue, "r1", "red", 1);
        send(queue, "b1", "blue", 2);
        send(queue, "r2", "red", 3);
        send(queue, "none", null, 4);
        assertEquals(List.of("r1", "r2"), drainTexts(red));
        // the non-matching messages stay on the queue, in order, for other consumers
        assertEquals(List.of("b1", "none"), drainTexts(connection.createSession().createConsumer(queue)));
    }

    @Test
    void nonMatchingMessagesDoNotBlockMatchingOnesBehindThem() throws Exception {
        for (int i = 1; i <= 200; i++) {
            send(queue, "b" + i, "blue", i);
        }
        send(queue, "the red one", "red", 201);
        assertEquals(List.of("the red one"), drainTexts(session.createConsumer(queue, "color = 'red'")));
    }

    @Test
    void topicSubscriberGetsOnlyMatchingMessages() throws Exception {
        Topic topic = session.createTopic("selected-topic");
        MessageConsumer big = session.createConsumer(topic, "n >= 10");
        MessageConsumer all = connection.createSession().createConsumer(topic);
        send(topic, "small", "red", 1);
        send(topic, "large", "red", 10);
        assertEquals(List.of("large"), drainTexts(big));
        assertEquals(List.of("small", "large"), drainTexts(all));
    }

    @Test
    void durableSubscriptionKeepsOnlyMatchingMessagesWhileOffline() throws Exception {
        Topic topic = session.createTopic("selected-topic");
        session.createDurableSubscriber(topic, "greens", "color = 'green'", false).close();
        send(topic, "g1", "green", 1);
        send(topic, "r1", "red", 2);
        send(topic, "g2", "green", 3);
        MessageConsumer again = session.createDurableSubscriber(topic, "greens", "color = 'green'", false);
        assertEquals("color = 'green'", again.getMessageSelector());
        assertEquals(List.of("g1", "g2"), drainTexts(again));
    }

    @Test
    void sharedConsumerWithSelector() throws Exception {
        Topic topic = session.createTopic("selected-topic");
        MessageConsumer shared = session.createSharedConsumer(topic, "odd", "n / 2 * 2 <> n");
        for (int i = 1; i <= 6; i++) {
            send(topic, "n" + i, null, i);
        }
        assertEquals(List.of("n1", "n3", "n5"), drainTexts(shared));
    }

    // ---- header fields in selectors (3.8.1.1)

    @Test
    void selectorOnJmsPriority() throws Exception {
        MessageProducer p = session.createProducer(queue);
        p.send(session.createTextMessage("low"), DeliveryMode.PERSISTENT, 2, 0);
        p.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 8, 0);
        assertEquals(List.of("high"), drainTexts(session.createConsumer(queue, "JMSPriority > 5")));
    }

    @Test
    void selectorOnJmsType() throws Exception {
        TextMessage order = session.createTextMessage("order");
        order.setJMSType("order");
        TextMessage invoice = session.createTextMessage("invoice");
        invoice.setJMSType("invoice");
        producer.send(queue, invoice);
        producer.send(queue, order);
        assertEquals(List.of("order"), drainTexts(session.createConsumer(queue, "JMSType = 'order'")));
    }

    @Test
    void selectorOnJmsCorrelationId() throws Exception {
        TextMessage mine = session.createTextMessage("mine");
        mine.setJMSCorrelationID("req-42");
        TextMessage other = session.createTextMessage("other");
        other.setJMSCorrelationID("req-7");
        producer.send(queue, other);
        producer.send(queue, mine);
        assertEquals(List.of("mine"), drainTexts(session.createConsumer(queue, "JMSCorrelationID = 'req-42'")));
    }

    @Test
    void selectorOnJmsDeliveryModeAndMessageId() throws Exception {
        MessageProducer p = session.createProducer(queue);
        p.send(session.createTextMessage("np"), DeliveryMode.NON_PERSISTENT, 4, 0);
        TextMessage persistent = session.createTextMessage("p");
        p.send(persistent, DeliveryMode.PERSISTENT, 4, 0);
        assertEquals(List.of("p"), drainTexts(session.createConsumer(queue,
                "JMSDeliveryMode = 'PERSISTENT' AND JMSMessageID = '" + persistent.getJMSMessageID() + "'")));
    }

    @Test
    void selectorWithLikeInBetweenAndIsNull() throws Exception {
        send(queue, "apple", "red", 3);
        send(queue, "avocado", "green", 7);
        send(queue, "banana", "yellow", 5);
        send(queue, "plain", null, 4);
        MessageConsumer consumer = session.createConsumer(queue,
                "(color LIKE 'gr%' OR color IN ('yellow')) AND n BETWEEN 5 AND 7 OR color IS NULL");
        assertEquals(List.of("avocado", "banana", "plain"), drainTexts(consumer));
    }

    @Test
    void emptySelectorSelectsEverything() throws Exception {
        send(queue, "a", "red", 1);
        send(queue, "b", null, 2);
        assertEquals(List.of("a", "b"), drainTexts(session.createConsumer(queue, "")));
    }

    // ---- invalid selectors → InvalidSelectorException when the consumer is created (3.8.1)

    @Test
    void invalidSelectorIsRejectedByCreateConsumer() {
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, "color = "));
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, "n > 'text' AND"));
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, "1 + "));
    }

    @Test
    void invalidSelectorIsRejectedByCreateBrowser() {
        assertThrows(InvalidSelectorException.class, () -> session.createBrowser(queue, "color LIKE"));
    }

    @Test
    void invalidSelectorIsRejectedByDurableAndSharedConsumers() throws Exception {
        Topic topic = session.createTopic("selected-topic");
        assertThrows(InvalidSelectorException.class,
                () -> session.createDurableSubscriber(topic, "bad", "color = = 'x'", false));
        assertThrows(InvalidSelectorException.class,
                () -> session.createDurableConsumer(topic, "bad", "((", false));
        assertThrows(InvalidSelectorException.class,
                () -> session.createSharedConsumer(topic, "bad", "color IN ()"));
        assertThrows(InvalidSelectorException.class,
                () -> session.createSharedDurableConsumer(topic, "bad", "NOT"));
    }

    @Test
    void invalidSelectorLeavesNoConsumerBehind() throws Exception {
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, "broken ="));
        send(queue, "for the valid one", "red", 1);
        assertEquals(List.of("for the valid one"), drainTexts(session.createConsumer(queue)));
    }
}
