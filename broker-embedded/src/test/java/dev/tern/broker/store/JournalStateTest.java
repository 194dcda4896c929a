package dev.tern.broker.store;

import dev.tern.client.TernDestination;
import dev.tern.message.MessageCodec;
import dev.tern.message.TernTextMessage;
import jakarta.jms.DeliveryMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JournalStateTest {

    @TempDir
    Path dir;

    static byte[] message(int priority, long expiration, long deliveryTime) throws Exception {
        TernTextMessage message = new TernTextMessage();
        message.setText("m");
        message.setJMSDestination(TernDestination.of(CompactionTest.KEEP));
        message.setJMSMessageID("ID:m");
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        message.setJMSPriority(priority);
        message.setJMSExpiration(expiration);
        message.setJMSDeliveryTime(deliveryTime);
        return MessageCodec.encode(message);
    }

    private static List<String> restated(JournalState state) {
        List<String> records = new ArrayList<>();
        state.restate((index, record) -> {
            if (record instanceof MessageLocated || record instanceof Enqueued || record instanceof DeliveryCounted) {
                records.add(Long.toHexString(index) + " " + record);
            }
        }, state.position);
        return records;
    }

    @Test
    void restatesPendingMessagesInAscendingSequenceWithTheirHeaderFields() throws Exception {
        JournalState state = new JournalState();
        byte[] plain = message(4, 0, 0);
        state.apply(0x10, List.of(new MessageStored(5, plain), new Enqueued("q", 5)), 100, 0);
        state.apply(0x11, List.of(new MessageStored(3, message(7, 123_456, 0)), new Enqueued("q", 3),
                new Enqueued("s:1", 3), new MessageStored(9, message(2, 0, 777)), new Enqueued("q", 9)), 300, 0);
        state.apply(0x12, List.of(new DeliveryCounted("s:1", 3, 2), new DeliveryCounted("q", 9, 5),
                new Acknowledged("q", 5), new MessageStored(1, new byte[] {9, 9}), new Enqueued("q", 1)), 80, 0);
        List<String> expected = List.of(
                "11 MessageLocated[sequence=3, documentIndex=17, priority=7, expiration=123456, deliveryTime=0]",
                "11 Enqueued[queueKey=q, sequence=3]",
                "11 Enqueued[queueKey=s:1, sequence=3]",
                "11 DeliveryCounted[queueKey=s:1, sequence=3, count=2]",
                "11 MessageLocated[sequence=9, documentIndex=17, priority=2, expiration=0, deliveryTime=777]",
                "11 Enqueued[queueKey=q, sequence=9]",
                "11 DeliveryCounted[queueKey=q, sequence=9, count=5]");
        assertEquals(expected, restated(state));
        assertEquals(2, state.messages.size());

        Checkpoint.write(dir, state);
        JournalState loaded = Checkpoint.load(dir);
        assertEquals(expected, restated(loaded));
        assertEquals(9, loaded.highestSequence);
    }

    @Test
    void liveBytesAndTheLowestLiveCycleFollowThePendingMessages() throws Exception {
        JournalState state = new JournalState();
        byte[] body = message(4, 0, 0);
        state.apply(0x1_0000_0001L, List.of(new MessageStored(1, body), new Enqueued("q", 1)), 100, 1);
        state.apply(0x2_0000_0001L, List.of(new MessageStored(2, body), new Enqueued("q", 2),
                new MessageStored(3, body), new Enqueued("q", 3)), 100, 2);
        java.util.function.LongToIntFunction cycle = index -> (int) (index >>> 32);
        assertEquals(1, state.lowestLiveCycle(cycle));
        assertEquals(java.util.Map.of(1, (long) body.length, 2, 2L * body.length), state.liveBytesPerCycle(cycle));
        state.apply(0x2_0000_0002L, List.of(new Acknowledged("q", 1)), 20, 2);
        assertEquals(2, state.lowestLiveCycle(cycle));
        state.apply(0x2_0000_0003L, List.of(new SubscriptionRemoved("q")), 20, 2);
        assertEquals(Integer.MAX_VALUE, state.lowestLiveCycle(cycle));
        assertEquals(0, state.messages.size());
    }
}
