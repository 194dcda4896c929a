package dev.tern.it;

import dev.tern.client.TernConnectionFactory;
import dev.tern.test.TernTestBase;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Shared plumbing of the integration tests: every test gets its own embedded broker (a unique
 * {@code vm://} name; with {@code -Dtern.it.transport=tcp} the same broker reached over
 * {@code tcp://127.0.0.1:<port>}, see {@link EmbeddedBrokers}), and every connection and broker a test opens is closed/stopped after it, so
 * the leak check of {@link TernTestBase} holds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class BrokerTestSupport extends TernTestBase {

    /** How long to wait for a message that is expected to arrive. */
    static final long RECEIVE_MS = 2_000;
    /** How long to wait before concluding that a message does not arrive. */
    static final long ABSENT_MS = 300;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Set<String> brokers = new LinkedHashSet<>();
    private ExecutorService background;

    /** The name of this test's broker. */
    protected String broker;

    @BeforeEach
    void nameBroker(TestInfo info) {
        broker = (getClass().getSimpleName() + "-" + SEQUENCE.incrementAndGet()).toLowerCase(Locale.ROOT);
    }

    @AfterEach
    void closeEverything() throws Exception {
        List<Connection> open = new ArrayList<>(connections);
        java.util.Collections.reverse(open);
        for (Connection connection : open) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException ignored) {
                // a test may have broken it on purpose; closing is best effort here
            }
        }
        connections.clear();
        if (background != null) {
            background.shutdownNow();
            background.awaitTermination(10, TimeUnit.SECONDS);
            background = null;
        }
        for (String name : brokers) {
            EmbeddedBrokers.discard(name);
        }
        brokers.clear();
    }

    /** URL of this test's non-persistent broker, with extra {@code key=value} options. */
    protected String url(String... options) {
        return urlOf(broker, "persistent=false", options);
    }

    /** URL of this test's persistent broker storing in {@code dataDir}. */
    protected String persistentUrl(Path dataDir, String... options) {
        return urlOf(broker, "dataDir=" + URLEncoder.encode(dataDir.toString(), StandardCharsets.UTF_8), options);
    }

    private String urlOf(String name, String first, String... options) {
        brokers.add(name);
        if (EmbeddedBrokers.overTcp()) {
            java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
            for (String option : concat(first, options)) {
                int eq = option.indexOf('=');
                all.put(option.substring(0, eq), java.net.URLDecoder.decode(option.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
            return EmbeddedBrokers.tcpUrl(name, all);
        }
        StringBuilder url = new StringBuilder("vm://").append(name).append('?').append(first);
        for (String option : options) {
            url.append('&').append(option);
        }
        return url.toString();
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }

    protected TernConnectionFactory factory(String... options) {
        return new TernConnectionFactory(url(options));
    }

    /** A new (stopped) connection to this test's broker, closed after the test. */
    protected Connection connect(String... options) throws JMSException {
        return track(factory(options).createConnection());
    }

    /** A new started connection to this test's broker, closed after the test. */
    protected Connection started(String... options) throws JMSException {
        Connection connection = connect(options);
        connection.start();
        return connection;
    }

    /** Registers a connection to be closed after the test. */
    protected <C extends Connection> C track(C connection) {
        connections.add(connection);
        return connection;
    }

    /**
     * Stops this test's broker now (it is restarted by the next connection to its URL; over TCP it
     * is restarted at once on the same port).
     */
    protected void stopBroker() {
        EmbeddedBrokers.restart(broker);
    }

    /** Runs a task on a background thread owned by the test (stopped after the test). */
    protected synchronized <T> Future<T> inBackground(Callable<T> task) {
        if (background == null) {
            AtomicInteger n = new AtomicInteger();
            background = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "it-background-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return background.submit(task);
    }

    // ---- message helpers

    static String text(Message message) throws JMSException {
        assertNotNull(message, "expected a message");
        return assertInstanceOf(TextMessage.class, message).getText();
    }

    /** Receives {@code count} messages (each within {@link #RECEIVE_MS}) and returns their texts. */
    static List<String> receiveTexts(MessageConsumer consumer, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(RECEIVE_MS);
            assertNotNull(message, "message " + (i + 1) + " of " + count + " did not arrive; got " + texts);
            texts.add(text(message));
        }
        return texts;
    }

    /** Receives until nothing arrives for {@link #ABSENT_MS}; returns the texts. */
    static List<String> drainTexts(MessageConsumer consumer) throws JMSException {
        List<String> texts = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(ABSENT_MS)) != null) {
            texts.add(text(message));
        }
        return texts;
    }

    static void assertNoMessage(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(ABSENT_MS);
        assertNull(message, () -> "expected no message, got " + message);
    }

    /** Sends text messages on a short-lived session of {@code connection} (not a listener's session). */
    static void sendTexts(Connection connection, Destination destination, String... texts) throws JMSException {
        Session session = connection.createSession();
        try {
            MessageProducer producer = session.createProducer(destination);
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        } finally {
            session.close();
        }
    }

    static void sendTexts(Connection connection, Destination destination, List<String> texts) throws JMSException {
        sendTexts(connection, destination, texts.toArray(String[]::new));
    }

    /** The messages a browser enumerates now. */
    static List<Message> browse(QueueBrowser browser) throws JMSException {
        List<Message> messages = new ArrayList<>();
        java.util.Enumeration<?> e = browser.getEnumeration();
        while (e.hasMoreElements()) {
            messages.add((Message) e.nextElement());
        }
        return messages;
    }

    static List<String> browseTexts(QueueBrowser browser) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message m : browse(browser)) {
            texts.add(text(m));
        }
        return texts;
    }

    static List<String> texts(String prefix, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            texts.add(prefix + i);
        }
        return texts;
    }
}
