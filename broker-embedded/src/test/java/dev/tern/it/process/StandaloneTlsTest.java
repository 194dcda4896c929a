package dev.tern.it.process;

import dev.tern.broker.net.TestCertificates;
import dev.tern.broker.server.TernServer;
import dev.tern.client.TernConnectionFactory;
import dev.tern.test.TernTestBase;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standalone broker with TLS from its config file, in its own JVM. */
class StandaloneTlsTest extends TernTestBase {

    private static final Pattern LISTENING = Pattern.compile("listening on ssl://[^:]+:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void theConfigFileTurnsTlsOnAndABadKeyStoreStopsTheStart() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        Path config = dir.resolve("tern.properties");
        Files.writeString(config, "tls.keyStore=" + certs.broker() + "\ntls.keyStorePassword="
                + TestCertificates.PASSWORD + "\nqueues=secure\n");
        try (JavaProcess broker = JavaProcess.start("broker", TernServer.class, "--config", config.toString(),
                "--port", "0", "--host", "127.0.0.1", "--data", dir.resolve("data").toString())) {
            Matcher matcher = LISTENING.matcher(broker.awaitLine(l -> LISTENING.matcher(l).find(), 120_000));
            assertTrue(matcher.find());
            String url = "ssl://localhost:" + matcher.group(1) + "?connectTimeout=60000&" + certs.trustOptions();
            try (Connection connection = new TernConnectionFactory(url).createConnection()) {
                connection.start();
                Session session = connection.createSession();
                var queue = session.createQueue("secure");
                session.createProducer(queue).send(session.createTextMessage("hello over tls"));
                assertEquals("hello over tls", ((TextMessage) session.createConsumer(queue).receive(10_000)).getText());
            }
            broker.terminate();
            broker.awaitExit(120_000);
        }

        Files.writeString(config, "tls.keyStore=" + certs.broker() + "\ntls.keyStorePassword=wrong\n");
        try (JavaProcess broker = JavaProcess.start("broker", TernServer.class, "--config", config.toString(),
                "--port", "0", "--host", "127.0.0.1", "--data", dir.resolve("data").toString())) {
            int exit = broker.awaitExit(120_000);
            assertNotEquals(0, exit);
            String output = String.join("\n", broker.lines());
            assertTrue(output.contains("cannot start") && output.contains("broker.p12"), output);
        }
    }
}
