package dev.tern.it;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Publish/subscribe: non-durable, durable, shared subscriptions and noLocal (spec 6.11 - 6.12, 8.3). */
class TopicTest extends BrokerTestSupport {

    private Topic topic(Connection connection) throws JMSException {
        return connection.createSession().createTopic("news");
    }

    private void publish(Connection connection, Topic topic, String... texts) throws JMSException {
        sendTexts(connection, topic, texts);
    }

    @Test
    void everySubscriberGetsEveryMessage() throws Exception {
        Connection connection = started();
        Topic topic = topic(connection);
        MessageConsumer a = connection.createSession().createConsumer(topic);
        MessageConsumer b = started().createSession().createConsumer(topic);
        publish(connection, topic, "n1", "n2", "n3");
        assertEquals(List.of("n1", "n2", "n3"), receiveTexts(a, 3));
        assertEquals(List.of("n1", "n2", "n3"), receiveTexts(b, 3));
    }

    @Test
    void publishingWithoutSubscribersKeepsNothing() throws Exception {
        Connection connection = started();
        Topic topic = topic(connection);
        publish(connection, topic, "lost");
        assertNoMessage(connection.createSession().createConsumer(topic));
    }

    @Test
    void nonDurableSubscriberGetsOnlyMessagesPublishedWhileItExists() throws Exception {
        Connection connection = started();
        Topic topic = topic(connection);
        publish(connection, topic, "before");
        Session session = connection.createSession();
        MessageConsumer subscriber = session.createConsumer(topic);
        publish(connection, topic, "during");
        assertEquals(List.of("during"), drainTexts(subscriber));
        subscriber.close();
        publish(connection, topic, "after");
        assertNoMessage(session.createConsumer(topic));
    }

    @Test
    void slowSubscriberWithSmallPrefetchLosesNothing() throws Exception {
        // flow control must hold messages back for a subscriber, never drop them
        Connection connection = started("prefetch=1");
        Topic topic = topic(connection);
        MessageConsumer subscriber = connection.createSession().createConsumer(topic);
        List<String> sent = texts("f", 200);
        sendTexts(connection, topic, sent);
        assertEquals(sent, receiveTexts(subscriber, 200));
    }

    // ---- durable subscriptions

    @Test
    void durableSubscriberGetsMessagesPublishedWhileOffline() throws Exception {
        Connection subscriberConnection = started("clientID=reader");
        Topic topic = topic(subscriberConnection);
        Session session = subscriberConnection.createSession();
        session.createDurableSubscriber(topic, "daily").close();

        Connection publisher = started();
        publish(publisher, topic, "d1", "d2");
        assertEquals(List.of("d1", "d2"), drainTexts(session.createDurableSubscriber(topic, "daily")));
    }

    @Test
    void durableSubscriptionOutlivesItsConnection() throws Exception {
        Connection first = started("clientID=reader");
        Topic topic = topic(first);
        first.createSession().createDurableConsumer(topic, "daily").close();
        first.close();
        publish(started(), topic, "while away");

        Connection second = started("clientID=reader");
        assertEquals(List.of("while away"), drainTexts(second.createSession().createDurableConsumer(topic, "daily")));
    }

    @Test
    void durableSubscriptionsAreKeyedByClientIdAndName() throws Exception {
        Connection one = started("clientID=one");
        Connection two = started("clientID=two");
        Topic topic = topic(one);
        MessageConsumer a = one.createSession().createDurableConsumer(topic, "same");
        MessageConsumer b = two.createSession().createDurableConsumer(topic, "same");
        publish(one, topic, "both");
        assertEquals(List.of("both"), drainTexts(a));
        assertEquals(List.of("both"), drainTexts(b));
    }

    @Test
    void durableConsumerWithAnotherSelectorReplacesTheSubscription() throws Exception {
        // 6.11.1: a durable subscription recreated with another selector is deleted and made anew
        Connection connection = started("clientID=reader");
        Topic topic = topic(connection);
        Session session = connection.createSession();
        session.createDurableConsumer(topic, "sub").close();
        MessageProducer producer = connection.createSession().createProducer(topic);
        producer.send(flagged(session, "old", true));

        MessageConsumer replaced = session.createDurableConsumer(topic, "sub", "keep = TRUE", false);
        producer.send(flagged(session, "new-kept", true));
        producer.send(flagged(session, "new-dropped", false));
        assertEquals(List.of("new-kept"), drainTexts(replaced), "the old subscription's message must be gone");
    }

    @Test
    void durableConsumerOnAnotherTopicReplacesTheSubscription() throws Exception {
        Connection connection = started("clientID=reader");
        Session session = connection.createSession();
        Topic news = session.createTopic("news");
        Topic sports = session.createTopic("sports");
        session.createDurableConsumer(news, "sub").close();
        publish(connection, news, "old news");
        MessageConsumer replaced = session.createDurableConsumer(sports, "sub");
        publish(connection, news, "more news");
        publish(connection, sports, "goal");
        assertEquals(List.of("goal"), drainTexts(replaced));
    }

    private static TextMessage flagged(Session session, String text, boolean keep) throws JMSException {
        TextMessage message = session.createTextMessage(text);
        message.setBooleanProperty("keep", keep);
        return message;
    }

    @Test
    void messagesExpiringWhileTheDurableSubscriberIsOfflineAreNeverDelivered() throws Exception {
        Connection connection = started("clientID=reader");
        Topic topic = topic(connection);
        Session session = connection.createSession();
        session.createDurableConsumer(topic, "expiring").close();
        MessageProducer producer = session.createProducer(topic);
        producer.send(session.createTextMessage("short"), jakarta.jms.DeliveryMode.PERSISTENT, 4, 100);
        producer.send(session.createTextMessage("long"), jakarta.jms.DeliveryMode.PERSISTENT, 4, 60_000);
        Thread.sleep(ABSENT_MS);
        assertEquals(List.of("long"), drainTexts(session.createDurableConsumer(topic, "expiring")));
    }

    @Test
    void topicSessionRejectsQueueOnlyMethods() throws Exception {
        // TopicSession javadoc (JMS 2.0): the queue-only methods it inherits throw IllegalStateException
        jakarta.jms.TopicConnection connection = track(factory().createTopicConnection());
        jakarta.jms.TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> session.createQueue("q"));
        assertThrows(IllegalStateException.class, session::createTemporaryQueue);
        assertThrows(IllegalStateException.class, () -> session.createBrowser(null));
    }

    @Test
    void queueSessionRejectsTopicOnlyMethods() throws Exception {
        // QueueSession javadoc (JMS 2.0): the topic-only methods it inherits throw IllegalStateException
        jakarta.jms.QueueConnection connection = track(factory("clientID=q").createQueueConnection());
        jakarta.jms.QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = connect().createSession().createTopic("news");
        assertThrows(IllegalStateException.class, () -> session.createTopic("t"));
        assertThrows(IllegalStateException.class, session::createTemporaryTopic);
        assertThrows(IllegalStateException.class, () -> session.createDurableSubscriber(topic, "d"));
        assertThrows(IllegalStateException.class, () -> session.createDurableConsumer(topic, "d"));
        assertThrows(IllegalStateException.class, () -> session.createSharedConsumer(topic, "s"));
        assertThrows(IllegalStateException.class, () -> session.createSharedDurableConsumer(topic, "s"));
        assertThrows(IllegalStateException.class, () -> session.unsubscribe("d"));
    }

    @Test
    void secondActiveConsumerOnAnUnsharedDurableSubscriptionIsRejected() throws Exception {
        Connection connection = started("clientID=reader");
        Topic topic = topic(connection);
        connection.createSession().createDurableConsumer(topic, "only-one");
        Session other = connection.createSession();
        assertThrows(JMSException.class, () -> other.createDurableConsumer(topic, "only-one"));
    }

    @Test
    void durableSubscriberNeedsAClientId() throws Exception {
        Connection connection = started();
        Topic topic = topic(connection);
        Session session = connection.createSession();
        assertThrows(IllegalStateException.class, () -> session.createDurableSubscriber(topic, "anon"));
        assertThrows(IllegalStateException.class, () -> session.createDurableConsumer(topic, "anon"));
    }

    @Test
    void unsubscribeDeletesTheSubscriptionAndItsMessages() throws Exception {
        Connection connection = started("clientID=reader");
        Topic topic = topic(connection);
        Session session = connection.createSession();
        session.createDurableConsumer(topic, "gone").close();
        publish(connection, topic, "pending");
        session.unsubscribe("gone");
        publish(connection, topic, "later");
        assertEquals(List.of(), drainTexts(session.createDurableConsumer(topic, "gone")));
    }

    @Test
    void unsubscribeWithAnActiveConsumerIsRejected() throws Exception {
        Connection connection = started("clientID=reader");
        Topic topic = topic(connection);
        connection.createSession().createDurableConsumer(topic, "busy");
        Session other = connection.createSession();
        assertThrows(JMSException.class, () -> other.unsubscribe("busy"));
    }

    @Test
    void unsubscribeOfAnUnknownNameIsAnInvalidDestination() throws Exception {
        Connection connection = started("clientID=reader");
        assertThrows(InvalidDestinationException.class, () -> connection.createSession().unsubscribe("never"));
    }

    // ---- shared subscriptions (JMS 2.0)

    @Test
    void sharedNonDurableConsumersSplitTheMessages() throws Exception {
        Connection one = started();
        Connection two = started();
        Topic topic = topic(one);
        MessageConsumer a = one.createSession().createSharedConsumer(topic, "split");
        MessageConsumer b = two.createSession().createSharedConsumer(topic, "split");
        MessageConsumer everything = one.createSession().createConsumer(topic);
        List<String> sent = texts("s", 20);
        sendTexts(one, topic, sent);

        assertEquals(sent, receiveTexts(everything, 20), "a plain subscriber gets every message");
        List<String> gotA = drainTexts(a);
        List<String> gotB = drainTexts(b);
        List<String> all = new ArrayList<>(gotA);
        all.addAll(gotB);
        assertEquals(20, all.size(), "A " + gotA + " B " + gotB);
        assertEquals(new HashSet<>(sent), new HashSet<>(all));
    }

    @Test
    void sharedNonDurableSubscriptionEndsWithItsLastConsumer() throws Exception {
        Connection connection = started();
        Topic topic = topic(connection);
        Session session = connection.createSession();
        session.createSharedConsumer(topic, "transient").close();
        publish(connection, topic, "nobody listens");
        assertNoMessage(session.createSharedConsumer(topic, "transient"));
    }

    @Test
    void sharedDurableSubscriptionSurvivesCloseOfAllItsConsumers() throws Exception {
        Connection connection = started();
        Topic topic = topic(connection);
        Session session = connection.createSession();
        session.createSharedDurableConsumer(topic, "keeper").close();
        publish(connection, topic, "kept1", "kept2");
        MessageConsumer again = session.createSharedDurableConsumer(topic, "keeper");
        assertEquals(List.of("kept1", "kept2"), drainTexts(again));
        again.close();
        session.unsubscribe("keeper");
    }

    @Test
    void sharedDurableConsumersSplitTheMessages() throws Exception {
        Connection one = started("clientID=app");
        Topic topic = topic(one);
        MessageConsumer a = one.createSession().createSharedDurableConsumer(topic, "workers");
        MessageConsumer b = one.createSession().createSharedDurableConsumer(topic, "workers");
        List<String> sent = texts("w", 20);
        sendTexts(one, topic, sent);
        List<String> all = new ArrayList<>(drainTexts(a));
        all.addAll(drainTexts(b));
        assertEquals(20, all.size(), all.toString());
        assertEquals(new HashSet<>(sent), new HashSet<>(all));
    }

    @Test
    void unsubscribeOfASharedDurableSubscriptionWithAnActiveConsumerIsRejected() throws Exception {
        Connection connection = started();
        Topic topic = topic(connection);
        connection.createSession().createSharedDurableConsumer(topic, "shared-busy");
        Session other = connection.createSession();
        assertThrows(JMSException.class, () -> other.unsubscribe("shared-busy"));
    }

    @Test
    void sharedConsumerWithAnotherSelectorWhileActiveIsRejected() throws Exception {
        // 6.11.2 / createSharedConsumer javadoc: another topic or selector while consumers exist → JMSException
        Connection connection = started();
        Topic topic = topic(connection);
        connection.createSession().createSharedConsumer(topic, "strict", "a = 1");
        Session other = connection.createSession();
        assertThrows(JMSException.class, () -> other.createSharedConsumer(topic, "strict", "a = 2"));
    }

    // ---- noLocal (6.11 / createConsumer javadoc)

    @Test
    void noLocalSubscriberIgnoresItsOwnConnectionsMessages() throws Exception {
        Connection mine = started();
        Connection theirs = started();
        Topic topic = topic(mine);
        MessageConsumer noLocal = mine.createSession().createConsumer(topic, null, true);
        MessageConsumer local = mine.createSession().createConsumer(topic);
        publish(mine, topic, "mine");
        publish(theirs, topic, "theirs");
        assertEquals(List.of("theirs"), drainTexts(noLocal));
        assertEquals(List.of("mine", "theirs"), drainTexts(local));
    }

    @Test
    void noLocalDurableSubscriberIgnoresItsOwnConnectionsMessages() throws Exception {
        Connection mine = started("clientID=me");
        Connection theirs = started();
        Topic topic = topic(mine);
        MessageConsumer noLocal = mine.createSession().createDurableSubscriber(topic, "quiet", null, true);
        publish(mine, topic, "mine");
        publish(theirs, topic, "theirs");
        assertEquals(List.of("theirs"), drainTexts(noLocal));
        assertFalse(drainTexts(noLocal).contains("mine"));
    }
}
