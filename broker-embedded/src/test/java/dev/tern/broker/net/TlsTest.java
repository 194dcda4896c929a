package dev.tern.broker.net;

import dev.tern.broker.net.TlsConfig.ClientAuthMode;
import dev.tern.client.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.tern.broker.net.TestCertificates.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS on the acceptor and in the client, with certificates keytool makes for this class. */
class TlsTest extends TcpTestSupport {

    @TempDir
    static Path certificateDir;
    static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.shared();
    }

    private TcpAcceptor startTlsBroker(TlsConfig tls) {
        return startBroker(TcpAcceptorConfig.builder().tls(tls));
    }

    private TcpAcceptor startTlsBroker() {
        return startTlsBroker(TlsConfig.of(certs.broker(), PASSWORD));
    }

    @Test
    void queueAndTopicRoundTripOverSsl() throws Exception {
        startTlsBroker();
        assertTrue(acceptor.localUrl().startsWith("ssl://127.0.0.1:"), acceptor.localUrl());
        assertRoundTrip(started(certs.trustOptions()));
    }

    @Test
    void tcpWithTlsTrueIsTheSameAsSsl() throws Exception {
        startTlsBroker();
        String url = "tcp://localhost:" + acceptor.port() + "?tls=true&" + certs.trustOptions();
        Connection connection = track(new TernConnectionFactory(url).createConnection());
        connection.start();
        assertRoundTrip(connection);
    }

    @Test
    void anUntrustedBrokerCertificateIsRefused() throws Exception {
        startTlsBroker();
        // a trust store without the broker's certificate
        JMSException e = assertThrows(JMSException.class, () -> connect("trustStore=" + certs.brokerTrust(),
                "trustStorePassword=" + PASSWORD, "connectTimeout=5000"));
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
        assertRoundTrip(started(certs.trustOptions())); // the broker keeps serving
    }

    @Test
    void withoutATrustStoreTheJvmDefaultTrustApplies() throws Exception {
        startTlsBroker();
        // the JDK's CA certificates do not include a self-signed test certificate
        JMSException e = assertThrows(JMSException.class, () -> connect("connectTimeout=5000"));
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
    }

    @Test
    void aPlainClientOnATlsPortIsRefusedCleanlyAndTheBrokerKeepsServing() throws Exception {
        startTlsBroker();
        String plain = "tcp://127.0.0.1:" + acceptor.port() + "?connectTimeout=5000";
        long start = System.nanoTime();
        JMSException e = assertThrows(JMSException.class, () -> new TernConnectionFactory(plain).createConnection());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "refused, not hung");
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertRoundTrip(started(certs.trustOptions()));
    }

    @Test
    void aTlsClientOnAPlainPortIsRefusedCleanly() throws Exception {
        startBroker(); // plain
        String ssl = "ssl://127.0.0.1:" + acceptor.port() + "?connectTimeout=5000&" + certs.trustOptions();
        JMSException e = assertThrows(JMSException.class, () -> new TernConnectionFactory(ssl).createConnection());
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
        assertRoundTrip(started());
    }

    @Test
    void aCertificateForAnotherHostIsRefusedUnlessHostVerificationIsOff() throws Exception {
        startTlsBroker(TlsConfig.of(certs.wrongHost(), PASSWORD));
        JMSException e = assertThrows(JMSException.class, () -> connect(certs.trustOptions(), "connectTimeout=5000"));
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
        assertRoundTrip(started(certs.trustOptions(), "verifyHost=false"));
    }

    @Test
    void clientAuthNeedRefusesAClientWithoutACertificate() throws Exception {
        startTlsBroker(TlsConfig.of(certs.broker(), PASSWORD)
                .withClientAuth(ClientAuthMode.NEED, certs.brokerTrust(), PASSWORD));
        assertThrows(JMSException.class, () -> connect(certs.trustOptions(), "connectTimeout=5000"));
        assertRoundTrip(started(certs.trustOptions(), "keyStore=" + certs.client(), "keyStorePassword=" + PASSWORD));
    }

    @Test
    void clientAuthWantAcceptsAClientWithoutACertificate() throws Exception {
        startTlsBroker(TlsConfig.of(certs.broker(), PASSWORD)
                .withClientAuth(ClientAuthMode.WANT, certs.brokerTrust(), PASSWORD));
        assertRoundTrip(started(certs.trustOptions()));
    }

    @Test
    void aBadKeyStoreFailsTheStartNamingIt() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> startTlsBroker(TlsConfig.of(certificateDir.resolve("nope.p12"), PASSWORD)));
        assertTrue(missing.getMessage().contains("nope.p12"), missing.getMessage());
        IllegalArgumentException wrongPassword = assertThrows(IllegalArgumentException.class,
                () -> startTlsBroker(TlsConfig.of(certs.broker(), "wrong")));
        assertTrue(wrongPassword.getMessage().contains("broker.p12"), wrongPassword.getMessage());
    }

    @Test
    void aBadClientTrustStoreIsAJmsExceptionNamingIt() throws Exception {
        startTlsBroker();
        JMSException e = assertThrows(JMSException.class, () -> connect("trustStore=" + certificateDir.resolve("x.p12")));
        assertTrue(e.getMessage().contains("x.p12"), e.getMessage());
        JMSException bad = assertThrows(JMSException.class, () -> connect(certs.trustOptions(), "verifyHost=maybe"));
        assertTrue(bad.getMessage().contains("verifyHost"), bad.getMessage());
    }

    private static void assertRoundTrip(Connection connection) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        var queue = session.createQueue("tls.q");
        session.createProducer(queue).send(session.createTextMessage("over tls"));
        MessageConsumer consumer = session.createConsumer(queue);
        TextMessage received = (TextMessage) consumer.receive(10_000);
        assertEquals("over tls", received == null ? null : received.getText());
        consumer.close();
        Topic topic = session.createTopic("tls.t");
        MessageConsumer subscriber = session.createConsumer(topic);
        session.createProducer(topic).send(session.createTextMessage("published"));
        TextMessage published = (TextMessage) subscriber.receive(10_000);
        assertEquals("published", published == null ? null : published.getText());
        subscriber.close();
        session.close();
    }
}
