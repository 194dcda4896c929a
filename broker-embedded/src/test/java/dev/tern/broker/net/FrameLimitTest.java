package dev.tern.broker.net;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frame limit of a connection is the smaller of the client's and the broker's maxFrameSize. */
class FrameLimitTest extends TcpTestSupport {

    private static final int SMALL = 64 * 1024;

    @Test
    void aClientCannotSendWhatItCouldNotReceive() throws Exception {
        startBroker();
        Connection connection = started("maxFrameSize=" + SMALL);
        Session session = connection.createSession();
        Queue queue = session.createQueue("limit.send");
        MessageProducer producer = session.createProducer(queue);
        JMSException e = assertThrows(JMSException.class, () -> producer.send(big(session, 100 * 1024)));
        assertInstanceOf(ResourceAllocationException.class, e);
        assertTrue(e.getMessage().contains(String.valueOf(SMALL)), e.getMessage());
        producer.send(session.createTextMessage("small")); // the connection is still up
        assertEquals("small", ((TextMessage) session.createConsumer(queue).receive(10_000)).getText());
    }

    @Test
    void aMessageTooLargeForAConsumerIsNotPushedAndGoesToAnotherWhenItsConnectionCloses() throws Exception {
        startBroker();
        Connection producing = started();
        Session producerSession = producing.createSession();
        Queue queue = producerSession.createQueue("limit.push");
        MessageProducer producer = producerSession.createProducer(queue);
        producer.send(big(producerSession, 100 * 1024));
        producer.send(producerSession.createTextMessage("behind the big one"));

        Connection small = connect("maxFrameSize=" + SMALL);
        CompletableFuture<JMSException> told = new CompletableFuture<>();
        small.setExceptionListener(told::complete);
        small.start();
        Session smallSession = small.createSession();
        MessageConsumer smallConsumer = smallSession.createConsumer(queue);
        JMSException error = told.get(10, TimeUnit.SECONDS);
        assertInstanceOf(ResourceAllocationException.class, error);
        assertTrue(error.getMessage().contains("too large"), error.getMessage());
        Message next = smallConsumer.receive(10_000); // the connection survived and the queue keeps flowing
        assertEquals("behind the big one", next == null ? null : ((TextMessage) next).getText());
        small.close();

        MessageConsumer bigConsumer = producerSession.createConsumer(queue);
        Message bigOne = bigConsumer.receive(10_000);
        assertNotNull(bigOne, "the big message went back to the queue when the small connection closed");
        assertEquals(100 * 1024, ((BytesMessage) bigOne).getBodyLength());
    }

    private static BytesMessage big(Session session, int size) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(new byte[size]);
        return message;
    }
}
