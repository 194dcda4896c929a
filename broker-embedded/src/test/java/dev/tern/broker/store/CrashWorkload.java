package dev.tern.broker.store;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * What the clients of the crash tests do, and the logs they write for {@link CrashLedger}. Every
 * role logs to its own file, one unbuffered {@code write} per line (so a line is in the kernel before
 * the thread goes on: it survives {@code kill -9}). A line is written <em>after</em> the JMS call it
 * reports returned, so the logs are a lower bound of what the clients knew:
 * <pre>
 *   S id [batch]        about to send id (in that transacted batch)
 *   R id                the send of id returned
 *   B batch n           about to commit the batch of n messages
 *   C batch             the commit returned
 *   X batch             the rollback returned
 *   D queue id redelivered count     a message was handed to the application
 *   A n                 the acknowledge/commit of the n messages received since the last A or V returned
 *   V                   recover/rollback returned: the messages since the last A or V come back
 *   E text              an unexpected exception
 * </pre>
 * Queues: {@code q.auto} (AUTO_ACKNOWLEDGE listener: a D line means the previous message of the
 * queue was acknowledged), {@code q.dups} (DUPS_OK_ACKNOWLEDGE listener), {@code q.client}
 * (CLIENT_ACKNOWLEDGE receive), {@code q.tx} (transacted receive). Two plain producers ({@code p0},
 * {@code p1}) and one transacted producer ({@code t}) send persistent messages to the four queues in
 * turn. A log file is {@code c<cycle>-<role>.log}; a producer's id is {@code c<cycle>-<role>}.
 */
final class CrashWorkload {

    static final String AUTO = "q.auto";
    static final String DUPS = "q.dups";
    static final String CLIENT = "q.client";
    static final String TX = "q.tx";
    static final String[] QUEUES = {AUTO, DUPS, CLIENT, TX};
    static final String[] PRODUCERS = {"p0", "p1", "t"};

    /** Checked by a listener before it logs a delivery; throws if the acknowledgement before may have failed. */
    @FunctionalInterface
    interface LinkCheck {
        void check() throws JMSException;
    }

    private CrashWorkload() {
    }

    /** Log of one role of one cycle: {@code c<cycle>-<role>.log}. */
    static Path logFile(Path logs, String prefix, String role) {
        return logs.resolve(prefix + "-" + role + ".log");
    }

    /**
     * A listener on the queue; the session's own thread delivers to it. {@code linkCheck} runs before
     * each D line: for AUTO_ACKNOWLEDGE a D line says the previous message's acknowledgement returned,
     * which is only true if the link still works.
     */
    static void listen(Session session, String queueName, EventLog log, LinkCheck linkCheck) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
        consumer.setMessageListener(message -> {
            try {
                linkCheck.check();
                log.line(delivered(queueName, message));
            } catch (JMSException | RuntimeException e) {
                if (linkCheck == NO_CHECK) {
                    log.line("E " + e);
                }
            }
        });
    }

    static final LinkCheck NO_CHECK = () -> { };

    /** Receives with CLIENT_ACKNOWLEDGE or in transactions, acknowledging (or recovering) in small groups. */
    static void receive(Session session, String queueName, EventLog log, Random random, BooleanSupplier running)
            throws JMSException {
        boolean transacted = session.getTransacted();
        MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
        int open = 0;
        int target = 1 + random.nextInt(4);
        Message last = null;
        while (running.getAsBoolean()) {
            Message message = consumer.receive(100);
            if (message != null) {
                log.line(delivered(queueName, message));
                last = message;
                open++;
                pause(random, 2);
            }
            if (open > 0 && (open >= target || message == null)) {
                if (random.nextInt(100) < 15) {
                    if (transacted) {
                        session.rollback();
                    } else {
                        session.recover();
                    }
                    log.line("V");
                } else {
                    if (transacted) {
                        session.commit();
                    } else {
                        last.acknowledge();
                    }
                    log.line("A " + open);
                }
                open = 0;
                target = 1 + random.nextInt(4);
            }
        }
    }

    private static String delivered(String queueName, Message message) throws JMSException {
        return "D " + queueName + " " + message.getStringProperty("id") + " " + message.getJMSRedelivered() + " "
                + message.getIntProperty("JMSXDeliveryCount");
    }

    /** Persistent sends, one at a time, to the queues in turn. */
    static void plainProducer(Session session, String producerId, EventLog log, Random random,
                              BooleanSupplier running) throws JMSException {
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (long seq = 0; running.getAsBoolean(); seq++) {
            TextMessage message = message(session, producerId, seq);
            String id = message.getStringProperty("id");
            log.line("S " + id);
            producer.send(session.createQueue(QUEUES[(int) (seq % QUEUES.length)]), message);
            log.line("R " + id);
            pause(random, 3);
        }
    }

    /** Persistent sends in transacted batches of 1 to 5, one in ten rolled back. */
    static void transactedProducer(Session session, String producerId, EventLog log, Random random,
                                   BooleanSupplier running) throws JMSException {
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        long seq = 0;
        for (int b = 0; running.getAsBoolean(); b++) {
            String batch = producerId + "-b" + b;
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++, seq++) {
                TextMessage message = message(session, producerId, seq);
                log.line("S " + message.getStringProperty("id") + " " + batch);
                producer.send(session.createQueue(QUEUES[(int) (seq % QUEUES.length)]), message);
                pause(random, 2);
            }
            if (random.nextInt(100) < 10) {
                session.rollback();
                log.line("X " + batch);
            } else {
                log.line("B " + batch + " " + n);
                session.commit();
                log.line("C " + batch);
            }
            pause(random, 4);
        }
    }

    private static TextMessage message(Session session, String producerId, long seq) throws JMSException {
        String id = producerId + "-" + seq;
        TextMessage message = session.createTextMessage(id);
        message.setStringProperty("id", id);
        message.setStringProperty("producer", producerId);
        message.setLongProperty("seq", seq);
        return message;
    }

    private static void pause(Random random, int maxMillis) {
        try {
            Thread.sleep(random.nextInt(maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lines written with one unbuffered write each: in the kernel (and so kill -9 proof) when line() returns. */
    static final class EventLog implements AutoCloseable {
        private final FileOutputStream out;

        EventLog(Path file) throws IOException {
            out = new FileOutputStream(file.toFile(), true);
        }

        synchronized void line(String text) {
            try {
                out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }
}
