package dev.tern.samples;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import java.util.List;

/**
 * Request/reply: the requester names a temporary queue in JMSReplyTo and tags each request with a
 * JMSCorrelationID; the responder sends its answer there with the same correlation ID.
 */
public final class RequestReply {

    private RequestReply() {
    }

    public static void main(String[] args) throws JMSException {
        ConnectionFactory factory = new TernConnectionFactory(Samples.brokerUrl());
        try (Connection responderConnection = factory.createConnection();
             Connection requesterConnection = factory.createConnection()) {
            startResponder(responderConnection);
            requesterConnection.start();

            Session session = requesterConnection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("samples.requests"));
            // Only this connection can consume from its temporary queue; it goes away with the connection.
            TemporaryQueue replyQueue = session.createTemporaryQueue();
            MessageConsumer replies = session.createConsumer(replyQueue);

            int n = 0;
            for (String question : List.of("stock of SKU-17", "stock of SKU-42")) {
                String correlationId = "request-" + (++n);
                TextMessage request = session.createTextMessage(question);
                request.setJMSReplyTo(replyQueue);
                request.setJMSCorrelationID(correlationId);
                System.out.println("[requester] sending " + correlationId + ": " + question);
                producer.send(request);

                TextMessage reply = (TextMessage) replies.receive(5000);
                if (reply == null) {
                    System.out.println("[requester] no reply to " + correlationId + " within 5 s");
                    continue;
                }
                System.out.println("[requester] reply to " + reply.getJMSCorrelationID() + ": " + reply.getText()
                        + (correlationId.equals(reply.getJMSCorrelationID()) ? " (correlation ID matches)"
                                : " (correlation ID does NOT match)"));
            }
        }
    }

    /** Answers every request on samples.requests to its JMSReplyTo. */
    private static void startResponder(Connection connection) throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue requests = session.createQueue("samples.requests");
        // An unidentified producer: each reply says where it goes.
        MessageProducer replier = session.createProducer(null);
        session.createConsumer(requests).setMessageListener(message -> answer(session, replier, message));
        connection.start();
        System.out.println("[responder] listening on " + requests.getQueueName());
    }

    private static void answer(Session session, MessageProducer replier, Message message) {
        try {
            String question = ((TextMessage) message).getText();
            System.out.println("[responder] got " + message.getJMSCorrelationID() + ": " + question);
            String stock = question.endsWith("17") ? "12 in stock" : "out of stock";
            TextMessage reply = session.createTextMessage(stock);
            reply.setJMSCorrelationID(message.getJMSCorrelationID());
            System.out.println("[responder] replying to " + message.getJMSCorrelationID() + ": " + stock);
            replier.send(message.getJMSReplyTo(), reply);
        } catch (JMSException e) {
            System.out.println("[responder] could not answer: " + e);
        }
    }
}
