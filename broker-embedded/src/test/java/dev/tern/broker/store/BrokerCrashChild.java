package dev.tern.broker.store;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import dev.tern.broker.store.CrashWorkload.EventLog;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child JVM of {@link BrokerCrashTest}: an embedded broker on a data directory with in-process
 * clients ({@link CrashWorkload}) that send and receive until the parent kills the JVM. Any exception
 * is a problem here (an E line): nothing fails before the kill, and after it nothing runs.
 *
 * <p>Arguments: data directory, log directory, cycle number, random seed.
 */
public final class BrokerCrashChild {

    private BrokerCrashChild() {
    }

    /** A body of a client thread. */
    @FunctionalInterface
    private interface Role {
        void run() throws JMSException;
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
        CrashWorkload.listen(consumers.createSession(false, Session.AUTO_ACKNOWLEDGE), CrashWorkload.AUTO,
                log(logs, prefix, CrashWorkload.AUTO), CrashWorkload.NO_CHECK);
        CrashWorkload.listen(consumers.createSession(false, Session.DUPS_OK_ACKNOWLEDGE), CrashWorkload.DUPS,
                log(logs, prefix, CrashWorkload.DUPS), CrashWorkload.NO_CHECK);
        Session client = consumers.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        EventLog clientLog = log(logs, prefix, CrashWorkload.CLIENT);
        threads.add(thread("receiver-" + CrashWorkload.CLIENT, clientLog, () -> CrashWorkload.receive(client,
                CrashWorkload.CLIENT, clientLog, new Random(seed + 1), () -> true)));
        Session tx = consumers.createSession(true, Session.SESSION_TRANSACTED);
        EventLog txLog = log(logs, prefix, CrashWorkload.TX);
        threads.add(thread("receiver-" + CrashWorkload.TX, txLog, () -> CrashWorkload.receive(tx, CrashWorkload.TX,
                txLog, new Random(seed + 2), () -> true)));
        for (int p = 0; p < 2; p++) {
            String producer = prefix + "-p" + p;
            Session session = producers.createSession(false, Session.AUTO_ACKNOWLEDGE);
            EventLog log = log(logs, prefix, "p" + p);
            Random random = new Random(seed + 10 + p);
            threads.add(thread("producer-" + producer, log,
                    () -> CrashWorkload.plainProducer(session, producer, log, random, () -> true)));
        }
        Session transacted = producers.createSession(true, Session.SESSION_TRANSACTED);
        EventLog tLog = log(logs, prefix, "t");
        threads.add(thread("producer-" + prefix + "-t", tLog, () -> CrashWorkload.transactedProducer(transacted,
                prefix + "-t", tLog, new Random(seed + 20), () -> true)));
        consumers.start();
        threads.forEach(Thread::start);
        Files.writeString(logs.resolve("ready-" + cycle), "");
        System.out.println("READY");
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static Thread thread(String name, EventLog log, Role role) {
        return new Thread(() -> {
            try {
                role.run();
            } catch (JMSException | RuntimeException e) {
                log.line("E " + e);
            }
        }, name);
    }

    private static EventLog log(Path logs, String prefix, String role) throws IOException {
        return new EventLog(CrashWorkload.logFile(logs, prefix, role));
    }
}
