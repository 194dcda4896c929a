package dev.tern.client;

import dev.tern.transport.BrokerConnection;
import dev.tern.transport.DeliveryTag;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The automatic acknowledgements of one session (AUTO_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE, and
 * expired messages in any mode), sent without waiting for the broker
 * ({@link BrokerConnection#acknowledgeAsync}) and several tags at a time.
 *
 * <p>A batch goes out when it reaches {@code maxBatch} tags, when the caller says the session has
 * nothing more buffered ({@code idle}), when a short timer fires (so an application that stops
 * receiving does not hold an acknowledgement back for long), and always before the session does
 * anything whose meaning depends on what was acknowledged: recover, rollback, commit, closing a
 * consumer or the session, stopping the connection, {@code Message.acknowledge()}. Those call
 * {@link #flush()}, which returns once the batch is handed to the transport; the transport
 * processes a connection's requests in order, so the acknowledgement is applied first.
 *
 * <p>Flushes are serialised by a lock of their own, never a lock the broker's delivery threads
 * take, so holding it while calling the broker cannot deadlock.
 */
final class AckBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AckBatcher.class);

    /**
     * One daemon thread for every session's flush timer (timers are rare: one per batch at most);
     * it ends after a second without timers.
     */
    private static final ScheduledExecutorService TIMER = timer();

    private final BrokerConnection broker;
    private final int maxBatch;
    private final long delayMillis;
    private final Consumer<JMSException> asyncFailure;
    private final Object sendLock = new Object();
    // guarded by "this"
    private List<DeliveryTag> batch = new ArrayList<>();
    private boolean timerArmed;
    private volatile boolean closed;

    /**
     * @param maxBatch     flush once this many tags wait
     * @param delayMillis  flush at the latest this long after the first tag of a batch
     * @param asyncFailure told when a flush that nobody waits for (timer, idle) fails
     */
    AckBatcher(BrokerConnection broker, int maxBatch, long delayMillis, Consumer<JMSException> asyncFailure) {
        this.broker = broker;
        this.maxBatch = Math.max(1, maxBatch);
        this.delayMillis = delayMillis;
        this.asyncFailure = asyncFailure;
    }

    /**
     * Adds an acknowledgement; sends the batch now if it is full or {@code idle} (nothing more to
     * deliver right now), otherwise arms the timer. Failures go to the asynchronous failure handler:
     * the message was handed to the application already, a lost acknowledgement only means a
     * redelivery.
     */
    void add(DeliveryTag tag, boolean idle) {
        boolean flushNow;
        boolean arm = false;
        synchronized (this) {
            batch.add(tag);
            flushNow = idle || batch.size() >= maxBatch;
            if (!flushNow && !timerArmed) {
                timerArmed = true;
                arm = true;
            }
        }
        if (flushNow) {
            flushQuietly();
        } else if (arm) {
            try {
                TIMER.schedule(this::flushQuietly, delayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                flushQuietly();
            }
        }
    }

    /** True if acknowledgements wait to be sent. */
    synchronized boolean hasPending() {
        return !batch.isEmpty();
    }

    /** Sends what waits, if anything; returns once the transport has it (in order before later requests). */
    void flush() throws JMSException {
        synchronized (sendLock) {
            List<DeliveryTag> tags;
            synchronized (this) {
                timerArmed = false;
                if (batch.isEmpty()) {
                    return;
                }
                tags = batch;
                batch = new ArrayList<>(Math.min(maxBatch, 64));
            }
            if (!closed) {
                broker.acknowledgeAsync(tags);
            }
        }
    }

    /** Flush for callers that cannot throw: a failure is reported, the messages will be redelivered. */
    void flushQuietly() {
        try {
            flush();
        } catch (JMSException e) {
            if (!closed) {
                asyncFailure.accept(e);
            } else {
                LOG.debug("Acknowledgements not sent: the session is closed", e);
            }
        }
    }

    /** After this nothing is sent any more (the link is gone, or the session closed after a last flush). */
    void close() {
        closed = true;
        synchronized (this) {
            batch.clear();
        }
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tern-ack-flush");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // the thread goes away when no timer is pending: nothing lingers after the last connection
        executor.setKeepAliveTime(1, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
