package dev.tern.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The workloads, written against {@code jakarta.jms} only: the same code runs on every provider.
 * Each method runs one measured phase on the connection factory it is given.
 */
final class Workloads {

    /** How long a run may wait for its consumers to catch up after the producers stopped. */
    static final long DRAIN_TIMEOUT_MILLIS = 120_000;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private Workloads() {
    }

    static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    static BytesMessage body(Session session, int size) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        message.writeBytes(bytes);
        return message;
    }

    /** Sends {@code message} until the time or the count is up; returns how many were sent. */
    static long sendFor(MessageProducer producer, Message message, long millis, long max) throws JMSException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long sent = 0;
        while (sent < max && System.nanoTime() < deadline) {
            producer.send(message);
            sent++;
        }
        return sent;
    }

    /** Scenarios 1 and 2: one producer, one AUTO_ACKNOWLEDGE listener on a queue. */
    static Measurement queueOneToOne(ConnectionFactory cf, long millis, int max, boolean persistent, int bodySize)
            throws JMSException {
        String queueName = unique("q");
        try (Connection consumerConnection = cf.createConnection();
             Connection producerConnection = cf.createConnection()) {
            Session consumerSession = consumerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Counter counter = new Counter();
            consumerSession.createConsumer(consumerSession.createQueue(queueName)).setMessageListener(counter);
            consumerConnection.start();
            Session session = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queueName));
            producer.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
            BytesMessage message = body(session, bodySize);
            Allocation allocation = Allocation.start();
            long start = System.nanoTime();
            long sent = sendFor(producer, message, millis, max);
            double sendSeconds = seconds(start);
            boolean all = counter.awaitAtLeast(sent, DRAIN_TIMEOUT_MILLIS);
            double seconds = seconds(start);
            long allocated = allocation.allocatedSince();
            return new Measurement()
                    .put("msg/s", counter.count() / seconds)
                    .put("alloc B/msg", counter.count() == 0 ? 0 : (double) allocated / counter.count())
                    .put("send msg/s", sent / sendSeconds)
                    .put("incomplete", all ? 0 : 1);
        }
    }

    /** Scenario 3: producers and consumers on transacted sessions committing every {@code batch}. */
    static Measurement queueTransacted(ConnectionFactory cf, long millis, int max, int producers, int consumers,
                                       int batch) throws Exception {
        String queueName = unique("tq");
        ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
        try (Connection consumerConnection = cf.createConnection();
             Connection producerConnection = cf.createConnection()) {
            consumerConnection.start();
            AtomicLong received = new AtomicLong();
            AtomicLong sentTotal = new AtomicLong(Long.MAX_VALUE);
            long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis + DRAIN_TIMEOUT_MILLIS);
            List<Future<?>> consumerTasks = new ArrayList<>();
            List<Session> consumerSessions = new ArrayList<>();
            List<MessageConsumer> receivers = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                Session s = consumerConnection.createSession(true, Session.SESSION_TRANSACTED);
                consumerSessions.add(s);
                receivers.add(s.createConsumer(s.createQueue(queueName)));
            }
            long start = System.nanoTime();
            for (int c = 0; c < consumers; c++) {
                Session s = consumerSessions.get(c);
                MessageConsumer consumer = receivers.get(c);
                consumerTasks.add(pool.submit(() -> {
                    int uncommitted = 0;
                    while (received.get() < sentTotal.get() && System.nanoTime() < deadlineNanos) {
                        Message m = consumer.receive(50);
                        if (m != null) {
                            uncommitted++;
                        }
                        if (uncommitted == batch || m == null && uncommitted > 0) {
                            s.commit();
                            received.addAndGet(uncommitted);
                            uncommitted = 0;
                        }
                    }
                    return null;
                }));
            }
            List<Future<Long>> producerTasks = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                Session s = producerConnection.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = s.createProducer(s.createQueue(queueName));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                BytesMessage message = body(s, 1024);
                long sendDeadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
                int perProducer = max / producers;
                producerTasks.add(pool.submit(() -> {
                    long sent = 0;
                    while (System.nanoTime() < sendDeadline && sent < perProducer) {
                        for (int i = 0; i < batch; i++) {
                            producer.send(message);
                        }
                        s.commit();
                        sent += batch;
                    }
                    return sent;
                }));
            }
            long sent = 0;
            for (Future<Long> f : producerTasks) {
                sent += f.get();
            }
            double sendSeconds = seconds(start);
            sentTotal.set(sent);
            for (Future<?> f : consumerTasks) {
                f.get();
            }
            double seconds = seconds(start);
            return new Measurement()
                    .put("msg/s", received.get() / seconds)
                    .put("send msg/s", sent / sendSeconds)
                    .put("incomplete", received.get() >= sent ? 0 : 1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Scenario 4: one publisher, {@code durable} durable and {@code plain} non-durable subscribers. */
    static Measurement topicFanOut(ConnectionFactory cf, long millis, int max, int durable, int plain)
            throws JMSException {
        String topicName = unique("t");
        int subscribers = durable + plain;
        try (Connection subscriberConnection = cf.createConnection();
             Connection publisherConnection = cf.createConnection()) {
            subscriberConnection.setClientID(unique("subs"));
            Counter counter = new Counter();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                Session s = subscriberConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Topic topic = s.createTopic(topicName);
                MessageConsumer consumer;
                if (i < durable) {
                    String name = "d" + i;
                    names.add(name);
                    consumer = s.createDurableSubscriber(topic, name);
                } else {
                    consumer = s.createConsumer(topic);
                }
                consumer.setMessageListener(counter);
            }
            subscriberConnection.start();
            Session session = publisherConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic(topicName));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            BytesMessage message = body(session, 1024);
            long start = System.nanoTime();
            long sent = sendFor(producer, message, millis, max / subscribers);
            double sendSeconds = seconds(start);
            boolean all = counter.awaitAtLeast(sent * subscribers, DRAIN_TIMEOUT_MILLIS);
            double seconds = seconds(start);
            return new Measurement()
                    .put("deliveries/s", counter.count() / seconds)
                    .put("publish msg/s", sent / sendSeconds)
                    .put("incomplete", all ? 0 : 1);
        }
    }

    /**
     * Scenario 5: persistent 1 KiB messages at a fixed rate; latency from the intended send time
     * (not the actual one) to {@code onMessage}, so a stalled sender's queueing counts too
     * (coordinated omission). Same JVM, so {@code System.nanoTime} is one clock.
     */
    static Measurement latency(ConnectionFactory cf, int ratePerSecond, long millis) throws JMSException {
        String queueName = unique("lat");
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        try (Connection consumerConnection = cf.createConnection();
             Connection producerConnection = cf.createConnection()) {
            Session consumerSession = consumerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Counter counter = new Counter();
            consumerSession.createConsumer(consumerSession.createQueue(queueName)).setMessageListener(message -> {
                try {
                    long latency = System.nanoTime() - message.getLongProperty("intended");
                    recorder.recordValue(Math.min(Math.max(latency, 0), TimeUnit.SECONDS.toNanos(60)));
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
                counter.onMessage(message);
            });
            consumerConnection.start();
            Session session = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queueName));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            BytesMessage message = body(session, 1024);
            long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
            long count = (long) ratePerSecond * millis / 1000;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            for (long i = 0; i < count; i++) {
                long intended = start + i * interval;
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                message.setLongProperty("intended", intended);
                producer.send(message);
            }
            double achievedRate = count / seconds(start);
            boolean all = counter.awaitAtLeast(count, DRAIN_TIMEOUT_MILLIS);
            Histogram h = recorder.getIntervalHistogram();
            return new Measurement()
                    .put("p50 µs", h.getValueAtPercentile(50) / 1000.0)
                    .put("p99 µs", h.getValueAtPercentile(99) / 1000.0)
                    .put("p99.9 µs", h.getValueAtPercentile(99.9) / 1000.0)
                    .put("max µs", h.getMaxValue() / 1000.0)
                    .put("achieved send rate/s", achievedRate)
                    .put("incomplete", all ? 0 : 1);
        }
    }

    /** Scenario 6: {@code producers} threads, each on its own connection, sending persistent 1 KiB messages. */
    static Measurement concurrentSends(ConnectionFactory cf, long millis, int max, int producers) throws Exception {
        String queueName = unique("fs");
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        List<Connection> connections = new ArrayList<>();
        try {
            List<MessageProducer> senders = new ArrayList<>();
            List<Message> messages = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                Connection c = cf.createConnection();
                connections.add(c);
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = s.createProducer(s.createQueue(queueName));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                senders.add(producer);
                messages.add(body(s, 1024));
            }
            long start = System.nanoTime();
            List<Future<Long>> tasks = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                MessageProducer producer = senders.get(p);
                Message message = messages.get(p);
                tasks.add(pool.submit(() -> sendFor(producer, message, millis, max / producers)));
            }
            long sent = 0;
            for (Future<Long> f : tasks) {
                sent += f.get();
            }
            return new Measurement().put("send msg/s", sent / seconds(start));
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            pool.shutdownNow();
        }
    }

    /**
     * Scenario 7: {@code queues} queues, a listener on each (spread over a few sessions), one producer
     * sending round robin over them. Setup (creating the consumers) is timed apart.
     */
    static Measurement manyQueues(ConnectionFactory cf, long warmupMillis, long millis, int max, int queues)
            throws JMSException {
        String prefix = unique("mq");
        int sessions = Math.min(queues, 8);
        try (Connection consumerConnection = cf.createConnection();
             Connection producerConnection = cf.createConnection()) {
            long setupStart = System.nanoTime();
            Counter counter = new Counter();
            List<Session> consumerSessions = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                consumerSessions.add(consumerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE));
            }
            Session session = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Destination[] targets = new Destination[queues];
            for (int q = 0; q < queues; q++) {
                Session s = consumerSessions.get(q % sessions);
                Queue queue = s.createQueue(prefix + "-" + q);
                s.createConsumer(queue).setMessageListener(counter);
                targets[q] = session.createQueue(prefix + "-" + q);
            }
            consumerConnection.start();
            double setupSeconds = seconds(setupStart);
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            BytesMessage message = body(session, 1024);
            long warm = roundRobin(producer, targets, message, warmupMillis, max);
            counter.awaitAtLeast(warm, DRAIN_TIMEOUT_MILLIS);
            long base = counter.count();
            long start = System.nanoTime();
            long sent = roundRobin(producer, targets, message, millis, max);
            boolean all = counter.awaitAtLeast(base + sent, DRAIN_TIMEOUT_MILLIS);
            double seconds = seconds(start);
            return new Measurement()
                    .put("msg/s", (counter.count() - base) / seconds)
                    .put("setup s", setupSeconds)
                    .put("incomplete", all ? 0 : 1);
        }
    }

    private static long roundRobin(MessageProducer producer, Destination[] targets, Message message, long millis,
                                   int max) throws JMSException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long sent = 0;
        while (System.nanoTime() < deadline && sent < max) {
            producer.send(targets[(int) (sent % targets.length)], message);
            sent++;
        }
        return sent;
    }

    /**
     * Scenario 8: fill a queue with {@code backlog} persistent 1 KiB messages (transacted batches of
     * 100, so a synced journal syncs per batch), measure heap and disk, then drain it with one listener.
     * Each phase stops at its time limit; the rates count what was done by then.
     */
    static Measurement backlog(ConnectionFactory cf, BrokerUnderTest broker, int backlog, long maxFillMillis,
                               long maxDrainMillis)
            throws JMSException {
        String queueName = unique("deep");
        long heapBefore = usedHeapAfterGc();
        int batch = 100;
        long filled = 0;
        double fillSeconds;
        try (Connection producerConnection = cf.createConnection()) {
            Session session = producerConnection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queueName));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            BytesMessage message = body(session, 1024);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxFillMillis);
            long start = System.nanoTime();
            while (filled < backlog && System.nanoTime() < deadline) {
                for (int i = 0; i < batch; i++) {
                    producer.send(message);
                }
                session.commit();
                filled += batch;
            }
            fillSeconds = seconds(start);
        }
        long heapFull = usedHeapAfterGc();
        long diskFull = broker.diskBytes();
        try (Connection consumerConnection = cf.createConnection()) {
            Session session = consumerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Counter counter = new Counter();
            session.createConsumer(session.createQueue(queueName)).setMessageListener(counter);
            long start = System.nanoTime();
            consumerConnection.start();
            boolean all = counter.awaitAtLeast(filled, maxDrainMillis);
            double drainSeconds = seconds(start);
            return new Measurement()
                    .put("fill msg/s", filled / fillSeconds)
                    .put("drain msg/s", counter.count() / drainSeconds)
                    .put("heap MiB (full - empty)", (heapFull - heapBefore) / 1048576.0)
                    .put("disk MiB", diskFull / 1048576.0)
                    .put("pending when full", filled)
                    .put("incomplete", all ? 0 : 1);
        }
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
