package dev.tern.it.process;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/** Child JVM: sends {@code count} persistent text messages "id-N" to a queue or topic, then prints "sent N". */
public final class ProducerMain {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        boolean topic = args[1].equals("topic");
        String name = args[2];
        int count = Integer.parseInt(args[3]);
        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            Session session = connection.createSession();
            Destination destination = topic ? session.createTopic(name) : session.createQueue(name);
            MessageProducer producer = session.createProducer(destination);
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("id-" + i));
            }
            System.out.println("sent " + count);
        }
    }
}
