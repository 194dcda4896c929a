package dev.tern.it.process;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Child JVM: consumes from a queue or topic, printing "got <body>" per message, until no message came
 * for {@code idleMillis} after the first; prints "ready" once subscribed and "done N" at the end.
 */
public final class ConsumerMain {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        boolean topic = args[1].equals("topic");
        String name = args[2];
        long idleMillis = Long.parseLong(args[3]);
        int received = 0;
        try (Connection connection = new TernConnectionFactory(url + "?prefetch=10").createConnection()) {
            Session session = connection.createSession();
            Destination destination = topic ? session.createTopic(name) : session.createQueue(name);
            MessageConsumer consumer = session.createConsumer(destination);
            connection.start();
            System.out.println("ready");
            // The producer JVM may take seconds to start on a busy machine: wait long for the first message.
            TextMessage message = (TextMessage) consumer.receive(60_000);
            while (message != null) {
                System.out.println("got " + message.getText());
                received++;
                message = (TextMessage) consumer.receive(idleMillis);
            }
        }
        System.out.println("done " + received);
    }
}
