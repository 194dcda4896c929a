package dev.tern.it;

import dev.tern.client.TernConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backlog of transacted batches larger than the broker's cache of recent bodies: dispatch reads
 * each batch's bodies back from its journal document (several at a time), and a rollback in the
 * middle of that still redelivers exactly the rolled-back messages, flagged.
 */
class TransactedBacklogTest extends BrokerTestSupport {

    /** More than the body cache's 16,384 slots, so the oldest bodies come from the journal. */
    private static final int MESSAGES = 20_000;
    private static final int BATCH = 100;

    @TempDir
    Path dataDir;

    @Test
    void aBacklogOfTransactedBatchesIsDeliveredInOrderWithExactRollback() throws Exception {
        Connection connection = track(new TernConnectionFactory(persistentUrl(dataDir)).createConnection());
        Session producing = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = producing.createQueue("backlog");
        MessageProducer producer = producing.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 0; i < MESSAGES; i++) {
            BytesMessage message = producing.createBytesMessage();
            message.writeInt(i);
            message.writeBytes(new byte[i % 97]);
            producer.send(message);
            if ((i + 1) % BATCH == 0) {
                producing.commit();
            }
        }
        connection.start();
        Session consuming = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = consuming.createConsumer(queue);

        int rolledBackFrom = 150;
        for (int i = 0; i < rolledBackFrom + 70; i++) { // a whole batch and part of the next, then rollback
            expect(consumer, i, false);
            if (i + 1 == rolledBackFrom) {
                consuming.commit();
            }
        }
        consuming.rollback();
        for (int i = rolledBackFrom; i < MESSAGES; i++) {
            expect(consumer, i, i < rolledBackFrom + 70);
            if ((i + 1) % BATCH == 0) {
                consuming.commit();
            }
        }
        consuming.commit();
        assertEquals(null, consumer.receiveNoWait());
    }

    private static void expect(MessageConsumer consumer, int index, boolean afterRollback) throws Exception {
        Message received = consumer.receive(RECEIVE_MS);
        assertNotNull(received, "message " + index);
        BytesMessage bytes = (BytesMessage) received;
        assertEquals(index, bytes.readInt(), "queue order");
        assertEquals(4 + index % 97, bytes.getBodyLength(), "body of message " + index);
        if (afterRollback) {
            assertTrue(received.getJMSRedelivered(), "message " + index + " was rolled back once");
        } else {
            assertFalse(received.getJMSRedelivered(), "message " + index);
        }
    }
}
