package dev.tern.broker.store;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child JVM of {@link BrokerCrashTest}: an embedded broker on a data directory with in-process
 * clients that send and receive until the parent kills the JVM. Every thread writes what it did to
 * its own log file, one unbuffered {@code write} per line (so a line is in the kernel before the
 * thread goes on: it survives {@code kill -9}). A line is written <em>after</em> the JMS call it
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
 * (CLIENT_ACKNOWLEDGE receive), {@code q.tx} (transacted receive). Two plain producers and one
 * transacted producer send to the four queues in turn.
 *
 * <p>Arguments: data directory, log directory, cycle number, random seed.
 */
public final class BrokerCrashChild {

    static final String AUTO = "q.auto";
    static final String DUPS = "q.dups";
    static final String CLIENT = "q.client";
    static final String TX = "q.tx";
    static final String[] QUEUES = {AUTO, DUPS, CLIENT, TX};

    private BrokerCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path logs = Path.of(args[1]);
        int cycle = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        TernBroker broker = TernBroker.start(BrokerConfig.builder("crash").dataDirectory(data)
                .rollCycle(BrokerCrashTest.ROLL_CYCLE).checkpointBytes(BrokerCrashTest.CHECKPOINT_BYTES).build());
        ConnectionFactory factory = broker.connectionFactory();
        Connection consumers = factory.createConnection();
        Connection producers = factory.createConnection();
        List<Thread> threads = new ArrayList<>();
        String prefix = "c" + cycle;
        listen(consumers, AUTO, Session.AUTO_ACKNOWLEDGE, log(logs, prefix, AUTO));
        listen(consumers, DUPS, Session.DUPS_OK_ACKNOWLEDGE, log(logs, prefix, DUPS));
        threads.add(receiver(consumers, CLIENT, false, log(logs, prefix, CLIENT), new Random(seed + 1)));
        threads.add(receiver(consumers, TX, true, log(logs, prefix, TX), new Random(seed + 2)));
        for (int p = 0; p < 2; p++) {
            String producer = prefix + "-p" + p;
            threads.add(plainProducer(producers, producer, log(logs, prefix, "p" + p), new Random(seed + 10 + p)));
        }
        threads.add(transactedProducer(producers, prefix + "-t", log(logs, prefix, "t"), new Random(seed + 20)));
        consumers.start();
        threads.forEach(Thread::start);
        Files.writeString(logs.resolve("ready-" + cycle), "");
        System.out.println("READY");
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Log of one thread of one cycle: {@code c<cycle>-<role>.log}. */
    static Path logFile(Path logs, String prefix, String role) {
        return logs.resolve(prefix + "-" + role + ".log");
    }

    private static EventLog log(Path logs, String prefix, String role) throws IOException {
        return new EventLog(logFile(logs, prefix, role));
    }

    /** A listener on the queue; the session's own thread delivers to it. */
    private static void listen(Connection connection, String queueName, int mode, EventLog log) throws JMSException {
        Session session = connection.createSession(false, mode);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
        consumer.setMessageListener(message -> {
            try {
                log.line(delivered(queueName, message));
            } catch (JMSException | RuntimeException e) {
                log.line("E " + e);
            }
        });
    }

    private static Thread receiver(Connection connection, String queueName, boolean transacted, EventLog log,
                                   Random random) throws JMSException {
        Session session = transacted ? connection.createSession(true, Session.SESSION_TRANSACTED)
                : connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
        return new Thread(() -> {
            try {
                int open = 0;
                int target = 1 + random.nextInt(4);
                Message last = null;
                while (true) {
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
            } catch (JMSException | RuntimeException e) {
                log.line("E " + e);
            }
        }, "receiver-" + queueName);
    }

    private static String delivered(String queueName, Message message) throws JMSException {
        return "D " + queueName + " " + message.getStringProperty("id") + " " + message.getJMSRedelivered() + " "
                + message.getIntProperty("JMSXDeliveryCount");
    }

    private static Thread plainProducer(Connection connection, String producerId, EventLog log, Random random)
            throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        return new Thread(() -> {
            try {
                for (long seq = 0; ; seq++) {
                    TextMessage message = message(session, producerId, seq);
                    String id = message.getStringProperty("id");
                    log.line("S " + id);
                    producer.send(session.createQueue(QUEUES[(int) (seq % QUEUES.length)]), message);
                    log.line("R " + id);
                    pause(random, 3);
                }
            } catch (JMSException | RuntimeException e) {
                log.line("E " + e);
            }
        }, "producer-" + producerId);
    }

    private static Thread transactedProducer(Connection connection, String producerId, EventLog log, Random random)
            throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        return new Thread(() -> {
            try {
                long seq = 0;
                for (int b = 0; ; b++) {
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
            } catch (JMSException | RuntimeException e) {
                log.line("E " + e);
            }
        }, "producer-" + producerId);
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
    static final class EventLog {
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
    }
}
