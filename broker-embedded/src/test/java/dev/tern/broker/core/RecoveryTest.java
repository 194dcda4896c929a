package dev.tern.broker.core;

import dev.tern.broker.store.Acknowledged;
import dev.tern.broker.store.Delivered;
import dev.tern.broker.store.DeliveryCounted;
import dev.tern.broker.store.Enqueued;
import dev.tern.broker.store.MessageStored;
import dev.tern.message.MessageCodec;
import dev.tern.message.TernTextMessage;
import dev.tern.client.TernDestination;
import dev.tern.transport.DestinationRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replay into the recovered state, without a journal. */
class RecoveryTest {

    private static byte[] body() throws Exception {
        TernTextMessage message = new TernTextMessage();
        message.setText("x");
        message.setJMSDestination(TernDestination.of(DestinationRef.queue("q")));
        message.setJMSPriority(4);
        return MessageCodec.encode(message);
    }

    @Test
    void holdsOnlyWhatIsPendingNotTheHistory() throws Exception {
        Recovery recovery = new Recovery();
        byte[] body = body();
        for (long seq = 1; seq <= 1000; seq++) {
            recovery.onRecord(seq, new MessageStored(seq, body));
            recovery.onRecord(seq, new Enqueued("queue:q", seq));
            if (seq % 10 != 0) {
                recovery.onRecord(seq + 5000, new Acknowledged("queue:q", seq));
            }
        }
        assertTrue(recovery.retainedMessages() <= 1, "only the last document's message");
        assertEquals(100, recovery.contents().get("queue:q").size());
        assertEquals(100, recovery.contents().get("queue:q").ready.size());
        assertEquals(1000, recovery.highestSequence());
    }

    @Test
    void deliveryCountsComeFromTheMarkAndTheRedeliveryRecords() throws Exception {
        Recovery recovery = new Recovery();
        byte[] body = body();
        for (long seq = 1; seq <= 3; seq++) {
            recovery.onRecord(seq, new MessageStored(seq, body));
            recovery.onRecord(seq, new Enqueued("queue:q", seq));
        }
        for (var record : List.of(new Delivered("queue:q", 2), new DeliveryCounted("queue:q", 1, 3))) {
            recovery.onRecord(10, record);
        }
        assertEquals(3, recovery.deliveryCount("queue:q", 1));
        assertEquals(1, recovery.deliveryCount("queue:q", 2));
        assertEquals(0, recovery.deliveryCount("queue:q", 3));
    }
}
