package dev.tern.broker.store;

import dev.tern.broker.core.BrokerCore;
import dev.tern.message.MessageCodec;
import dev.tern.message.TernTextMessage;
import dev.tern.client.TernDestination;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DeliveryTag;
import dev.tern.transport.DestinationRef;
import jakarta.jms.DeliveryMode;
import jakarta.jms.ResourceAllocationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full disk, simulated at the journal's write boundary (the usable-space probe): sends get a
 * {@code ResourceAllocationException}, the broker keeps running and delivering, nothing stored is
 * damaged, and sending works again once space is back.
 */
class DiskFullTest {

    private static final DestinationRef QUEUE = DestinationRef.queue("full");
    private static final long RESERVE = 1L << 20;

    @TempDir
    Path dir;

    private static byte[] persistent(String text) throws Exception {
        TernTextMessage message = new TernTextMessage();
        message.setText(text);
        message.setJMSDestination(TernDestination.of(QUEUE));
        message.setJMSMessageID("ID:" + text);
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        message.setJMSPriority(4);
        return MessageCodec.encode(message);
    }

    private static String text(Delivery delivery) throws Exception {
        return ((TernTextMessage) MessageCodec.decode(delivery.message())).getText();
    }

    @Test
    void sendsAreRefusedWhileTheDiskIsFullAndWorkAgainAfterwards() throws Exception {
        AtomicLong usable = new AtomicLong(1L << 30);
        Journal journal = Journal.open(dir, JournalOptions.defaults().withMinFreeBytes(RESERVE));
        journal.usableSpaceProbe(usable::get);
        BrokerCore broker = BrokerCore.start("disk-full", journal, 1);
        try {
            BrokerConnection connection = broker.connect(null);
            connection.send(0, persistent("before")).get(5, TimeUnit.SECONDS);
            BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
            connection.createConsumer(new ConsumerSpec(1, QUEUE, null, false, null, false, false, 10), received::add);
            Delivery before = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(before);

            usable.set(RESERVE / 2); // below the reserve for sends, above the floor for acknowledgements
            Thread.sleep(2 * DiskSpaceGuard.RECHECK_NANOS / 1_000_000); // the guard asks the disk this often
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> connection.send(0, persistent("refused")).get(5, TimeUnit.SECONDS));
            assertInstanceOf(ResourceAllocationException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("disk is full"), e.getCause().getMessage());
            connection.acknowledge(0, List.of(new DeliveryTag(1, before.sequence()))); // still possible

            usable.set(1L << 30);
            Thread.sleep(2 * DiskSpaceGuard.RECHECK_NANOS / 1_000_000);
            connection.send(0, persistent("after")).get(5, TimeUnit.SECONDS);
            Delivery after = received.poll(5, TimeUnit.SECONDS);
            assertEquals("after", text(after));
        } finally {
            broker.stop();
        }

        // nothing stored was damaged: "after" is still pending, "before" acknowledged, "refused" never stored
        Journal reopened = Journal.open(dir, JournalOptions.defaults());
        BrokerCore again = BrokerCore.start("disk-full-2", reopened, 1);
        try {
            BrokerConnection connection = again.connect(null);
            List<String> texts = new ArrayList<>();
            for (byte[] body : connection.browse(QUEUE, null)) {
                texts.add(((TernTextMessage) MessageCodec.decode(body)).getText());
            }
            assertEquals(List.of("after"), texts);
        } finally {
            again.stop();
        }
    }

    @Test
    void theGuardRechecksTheDiskAsTheReserveNears() {
        AtomicLong usable = new AtomicLong(10 * RESERVE);
        int[] probes = {0};
        DiskSpaceGuard guard = new DiskSpaceGuard(RESERVE, () -> {
            probes[0]++;
            return usable.get();
        });
        guard.check(1000, true);
        int after = probes[0];
        for (int i = 0; i < 10; i++) {
            guard.check(1000, true); // far from the reserve, within the recheck period: no statfs
        }
        assertEquals(after, probes[0]);
        usable.set(RESERVE + 500);
        // bytes appended since the last probe count: 11 KB appended against 10 MiB free, no probe yet;
        // a big document that would cross the reserve triggers one and is refused
        assertThrows(DiskSpaceGuard.JournalFullException.class, () -> guard.check(9 * RESERVE, true));
        assertThrows(DiskSpaceGuard.JournalFullException.class, () -> guard.check(1000, true));
        guard.check(1000, false); // acknowledgements go on down to a quarter of the reserve
    }
}
