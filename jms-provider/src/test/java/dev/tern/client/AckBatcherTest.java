package dev.tern.client;

import dev.tern.transport.BrokerConnection;
import dev.tern.transport.DeliveryTag;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's batching of automatic acknowledgements, against a recording broker connection. */
class AckBatcherTest {

    /** Each acknowledgeAsync call's tags; any other call fails the test. */
    private final List<List<DeliveryTag>> sent = new CopyOnWriteArrayList<>();
    private final List<JMSException> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile JMSException failWith;

    private final BrokerConnection broker = (BrokerConnection) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {BrokerConnection.class}, (proxy, method, args) -> {
                if (!method.getName().equals("acknowledgeAsync")) {
                    throw new AssertionError("unexpected call " + method.getName());
                }
                if (failWith != null) {
                    throw failWith;
                }
                @SuppressWarnings("unchecked")
                Collection<DeliveryTag> tags = (Collection<DeliveryTag>) args[0];
                sent.add(List.copyOf(tags));
                return null;
            });

    private static DeliveryTag tag(long sequence) {
        return new DeliveryTag(7, sequence);
    }

    @Test
    void tagsWaitUntilTheBatchIsFullThenGoInOneCall() {
        AckBatcher batcher = new AckBatcher(broker, 4, 60_000, failures::add);
        batcher.add(tag(1), false);
        batcher.add(tag(2), false);
        batcher.add(tag(3), false);
        assertTrue(sent.isEmpty(), "nothing sent before the batch is full");
        assertTrue(batcher.hasPending());
        batcher.add(tag(4), false);
        assertEquals(List.of(List.of(tag(1), tag(2), tag(3), tag(4))), sent);
        assertFalse(batcher.hasPending());
    }

    @Test
    void idleSendsAtOnce() {
        AckBatcher batcher = new AckBatcher(broker, 64, 60_000, failures::add);
        batcher.add(tag(1), false);
        batcher.add(tag(2), true);
        assertEquals(List.of(List.of(tag(1), tag(2))), sent);
    }

    @Test
    void flushSendsWhatWaitsAndNothingWhenEmpty() throws Exception {
        AckBatcher batcher = new AckBatcher(broker, 64, 60_000, failures::add);
        batcher.flush();
        assertTrue(sent.isEmpty());
        batcher.add(tag(1), false);
        batcher.flush();
        batcher.flush();
        assertEquals(List.of(List.of(tag(1))), sent);
    }

    @Test
    void theTimerSendsAForgottenBatch() throws Exception {
        AckBatcher batcher = new AckBatcher(broker, 64, 20, failures::add);
        batcher.add(tag(1), false);
        long deadline = System.currentTimeMillis() + 10_000;
        while (sent.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of(List.of(tag(1))), sent);
    }

    @Test
    void aFailedBackgroundFlushIsReportedAndAnExplicitFlushThrows() {
        AckBatcher batcher = new AckBatcher(broker, 2, 60_000, failures::add);
        JMSException broken = new JMSException("broken");
        failWith = broken;
        batcher.add(tag(1), false);
        batcher.add(tag(2), false); // full: flushed quietly
        assertEquals(1, failures.size());
        assertSame(broken, failures.get(0));
        batcher.add(tag(3), false);
        org.junit.jupiter.api.Assertions.assertThrows(JMSException.class, batcher::flush);
    }

    @Test
    void nothingIsSentAfterClose() throws Exception {
        AckBatcher batcher = new AckBatcher(broker, 64, 60_000, failures::add);
        batcher.add(tag(1), false);
        batcher.close();
        batcher.flush();
        batcher.add(tag(2), true);
        assertTrue(sent.isEmpty());
        assertTrue(failures.isEmpty());
    }
}
