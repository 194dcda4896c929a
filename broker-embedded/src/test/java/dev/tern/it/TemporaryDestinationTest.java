package dev.tern.it;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Temporary destinations: request/reply, ownership, deletion and lifetime (TemporaryQueue/TemporaryTopic javadoc). */
class TemporaryDestinationTest extends BrokerTestSupport {

    @Test
    void requestReplyOverATemporaryQueue() throws Exception {
        Connection server = started();
        Session serverSession = server.createSession();
        Queue requests = serverSession.createQueue("requests");
        MessageConsumer requestConsumer = serverSession.createConsumer(requests);
        Future<String> served = inBackground(() -> {
            Message request = requestConsumer.receive(RECEIVE_MS * 2);
            TextMessage reply = serverSession.createTextMessage("re: " + text(request));
            reply.setJMSCorrelationID(request.getJMSMessageID());
            serverSession.createProducer(request.getJMSReplyTo()).send(reply);
            return request.getJMSMessageID();
        });

        Connection client = started();
        Session session = client.createSession();
        TemporaryQueue replies = session.createTemporaryQueue();
        TextMessage request = session.createTextMessage("question");
        request.setJMSReplyTo(replies);
        session.createProducer(requests).send(request);

        Message reply = session.createConsumer(replies).receive(RECEIVE_MS);
        assertEquals("re: question", text(reply));
        assertEquals(request.getJMSMessageID(), reply.getJMSCorrelationID());
        assertEquals(request.getJMSMessageID(), served.get(RECEIVE_MS, TimeUnit.MILLISECONDS));
        TemporaryQueue replyTo = assertInstanceOf(TemporaryQueue.class, reply.getJMSDestination());
        assertEquals(replies.getQueueName(), replyTo.getQueueName());
    }

    @Test
    void temporaryQueueNamesAreUnique() throws Exception {
        Session one = started().createSession();
        Session two = started().createSession();
        TemporaryQueue a = one.createTemporaryQueue();
        TemporaryQueue b = one.createTemporaryQueue();
        TemporaryQueue c = two.createTemporaryQueue();
        assertNotNull(a.getQueueName());
        assertNotEquals(a.getQueueName(), b.getQueueName());
        assertNotEquals(a.getQueueName(), c.getQueueName());
        assertNotEquals(a, b);
    }

    @Test
    void temporaryTopicDeliversToItsSubscribers() throws Exception {
        Connection connection = started();
        Session session = connection.createSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        assertNotNull(topic.getTopicName());
        MessageConsumer a = session.createConsumer(topic);
        MessageConsumer b = connection.createSession().createConsumer(topic);
        started().createSession().createProducer(topic).send(session.createTextMessage("t"));
        assertEquals("t", text(a.receive(RECEIVE_MS)));
        assertEquals("t", text(b.receive(RECEIVE_MS)));
    }

    @Test
    void anotherConnectionMaySendToButNotConsumeFromATemporaryQueue() throws Exception {
        // Session.createTemporaryQueue javadoc: only the creating connection may create consumers on it
        Connection owner = started();
        TemporaryQueue queue = owner.createSession().createTemporaryQueue();
        Session foreign = started().createSession();
        assertThrows(JMSException.class, () -> foreign.createConsumer(queue));

        foreign.createProducer(queue).send(foreign.createTextMessage("allowed"));
        assertEquals("allowed", text(owner.createSession().createConsumer(queue).receive(RECEIVE_MS)));
    }

    @Test
    void anotherConnectionMayNotSubscribeToATemporaryTopic() throws Exception {
        Connection owner = started();
        TemporaryTopic topic = owner.createSession().createTemporaryTopic();
        Session foreign = started().createSession();
        assertThrows(JMSException.class, () -> foreign.createConsumer(topic));
    }

    @Test
    void deletingATemporaryQueueWithAnActiveConsumerIsRejected() throws Exception {
        // TemporaryQueue.delete: JMSException if there are existing receivers still using it
        Session session = started().createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(queue);
        assertThrows(JMSException.class, queue::delete);
        consumer.close();
        queue.delete();
    }

    @Test
    void deletingATemporaryTopicWithAnActiveSubscriberIsRejected() throws Exception {
        Session session = started().createSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        MessageConsumer consumer = session.createConsumer(topic);
        assertThrows(JMSException.class, topic::delete);
        consumer.close();
        topic.delete();
    }

    @Test
    void sendingToADeletedTemporaryQueueIsAnInvalidDestination() throws Exception {
        Session session = started().createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageProducer producer = session.createProducer(queue);
        queue.delete();
        assertThrows(InvalidDestinationException.class, () -> producer.send(session.createTextMessage("late")));
        assertThrows(InvalidDestinationException.class,
                () -> session.createProducer(null).send(queue, session.createTextMessage("late")));
    }

    @Test
    void consumingFromADeletedTemporaryQueueIsAnInvalidDestination() throws Exception {
        Session session = started().createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        queue.delete();
        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(queue));
    }

    @Test
    void temporaryQueueIsGoneOnceItsConnectionCloses() throws Exception {
        // a temporary destination lives no longer than its connection
        Connection owner = started();
        TemporaryQueue queue = owner.createSession().createTemporaryQueue();
        Session other = started().createSession();
        MessageProducer producer = other.createProducer(queue);
        producer.send(other.createTextMessage("while alive"));
        owner.close();
        assertThrows(InvalidDestinationException.class, () -> producer.send(other.createTextMessage("after")));
    }

    @Test
    void temporaryQueueSurvivesCloseOfTheSessionThatCreatedIt() throws Exception {
        // its scope is the connection, not the session
        Connection connection = started();
        Session creator = connection.createSession();
        TemporaryQueue queue = creator.createTemporaryQueue();
        creator.close();
        Session session = connection.createSession();
        session.createProducer(queue).send(session.createTextMessage("still here"));
        assertEquals(List.of("still here"), drainTexts(session.createConsumer(queue)));
    }
}
