package dev.tern.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every column is reachable over TCP loopback and really stores persistent messages in its
 * directory (no column runs in memory only).
 */
class BrokersUnderTestTest {

    @Test
    void everyColumnJournalsPersistentSendsOverTcpInItsDirectory(@TempDir Path root) throws Exception {
        for (Column column : Column.values()) {
            Path dir = root.resolve(column.name());
            try (BrokerUnderTest broker = column.start(dir, true)) {
                try (Connection connection = broker.connectionFactory(Transport.TCP).createConnection()) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue("stored"));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    producer.send(session.createTextMessage("kept"));
                }
                assertTrue(broker.diskBytes() > 0, column + " holds nothing on disk");
            }
            try (Stream<Path> files = Files.walk(dir)) {
                assertTrue(files.anyMatch(Files::isRegularFile), column + " wrote no file under " + dir);
            }
        }
    }
}
