package dev.tern.client;

import dev.tern.selector.Selector;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DeliveryTag;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.ServerSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Application server facility: takes messages for a destination and hands them, up to
 * {@code maxMessages} at a time, to sessions from a {@link ServerSessionPool}, which run them
 * through their listener ({@link TernSession#run()}).
 */
final class TernConnectionConsumer implements ConnectionConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TernConnectionConsumer.class);

    private final TernConnection connection;
    private final ServerSessionPool pool;
    private final int maxMessages;
    private final ConsumerSpec spec;
    private final DeliveryBuffer buffer = new DeliveryBuffer();
    private volatile boolean closed;
    private Thread worker;

    TernConnectionConsumer(TernConnection connection, TernDestination destination, String selector,
                           String subscriptionName, boolean durable, boolean shared, ServerSessionPool pool,
                           int maxMessages) throws JMSException {
        Selector.parse(selector);
        this.connection = connection;
        this.pool = pool;
        this.maxMessages = Math.max(1, maxMessages);
        this.spec = new ConsumerSpec(connection.nextId(), destination.ref(),
                selector == null || selector.isBlank() ? null : selector, false, subscriptionName, durable, shared,
                Math.max(this.maxMessages, connection.prefetch()));
    }

    void open() throws JMSException {
        connection.broker().createConsumer(spec, buffer::add);
        worker = new Thread(this::run, "tern-connection-consumer-" + connection.broker().connectionId() + "-"
                + spec.consumerId());
        worker.setDaemon(true);
        worker.start();
    }

    void connectionStarted() {
        buffer.wake();
    }

    private void run() {
        while (!closed) {
            try {
                Delivery first = buffer.take(0, connection::isStarted);
                if (first == null) {
                    continue;
                }
                ServerSession serverSession = pool.getServerSession();
                Session session = serverSession.getSession();
                if (!(session instanceof TernSession ternSession)) {
                    LOG.error("ServerSessionPool returned a session that is not Tern's: {}", session);
                    connection.broker().release(List.of(first.tag()), false);
                    continue;
                }
                int loaded = 1;
                ternSession.loadForRun(first);
                Delivery next;
                while (loaded < maxMessages && (next = buffer.poll()) != null) {
                    ternSession.loadForRun(next);
                    loaded++;
                }
                connection.broker().addCredit(spec.consumerId(), loaded);
                serverSession.start();
            } catch (InterruptedException e) {
                return;
            } catch (JMSException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("Connection consumer {} failed to hand over messages", spec.consumerId(), e);
                }
            }
        }
    }

    @Override
    public ServerSessionPool getServerSessionPool() throws JMSException {
        if (closed) {
            throw new IllegalStateException("Connection consumer is closed");
        }
        return pool;
    }

    /** The link is gone: stop handing over messages; nothing goes back to the broker. */
    void terminate() {
        closed = true;
        buffer.close();
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        buffer.close();
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!connection.isClosed()) {
            connection.broker().closeConsumer(spec.consumerId());
            List<DeliveryTag> unseen = buffer.drainTags();
            if (!unseen.isEmpty()) {
                connection.broker().release(unseen, false);
            }
        }
        connection.connectionConsumerClosed(this);
    }
}
