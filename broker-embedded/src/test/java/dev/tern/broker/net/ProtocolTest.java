package dev.tern.broker.net;

import dev.tern.protocol.FrameType;
import dev.tern.protocol.Protocol;
import dev.tern.protocol.RejectCodes;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker's side of the handshake and its answers to broken input, on plain sockets. */
class ProtocolTest extends TcpTestSupport {

    @Test
    void handshakeAcceptsAMatchingVersion() throws Exception {
        startBroker();
        try (RawClient client = new RawClient(acceptor.port())) {
            client.preamble(Protocol.VERSION).write(RawClient.hello("bob", null));
            assertArrayEquals(Protocol.preamble(), client.readPreamble());
            RawClient.Frame ok = client.readFrame();
            assertEquals(FrameType.HELLO_OK, ok.type());
        }
        assertNormalClientWorks();
    }

    @Test
    void anotherVersionIsRejectedWithAClearReason() throws Exception {
        startBroker();
        try (RawClient client = new RawClient(acceptor.port())) {
            client.preamble((byte) 99).write(RawClient.hello(null, null));
            assertArrayEquals(Protocol.preamble(), client.readPreamble(), "the broker tells its own version");
            RawClient.Frame rejected = client.readFrame();
            assertEquals(FrameType.HELLO_REJECTED, rejected.type());
            assertEquals(RejectCodes.PROTOCOL, rejected.body()[0]);
            String reason = new String(rejected.body(), 5, rejected.body().length - 5, StandardCharsets.UTF_8);
            assertTrue(reason.contains("version " + Protocol.VERSION) && reason.contains("version 99"), reason);
            assertTrue(client.closedByBroker());
        }
        assertNormalClientWorks();
    }

    @Test
    void badMagicClosesTheConnection() throws Exception {
        startBroker();
        try (RawClient client = new RawClient(acceptor.port())) {
            client.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(client.closedByBroker());
        }
        assertNormalClientWorks();
    }

    @Test
    void aRequestBeforeTheHandshakeClosesOnlyThatConnection() throws Exception {
        startBroker();
        Connection bystander = started();
        try (RawClient client = new RawClient(acceptor.port())) {
            client.preamble(Protocol.VERSION)
                    .write(RawClient.frame(FrameType.SET_CLIENT_ID, f -> f.writeInt(1).writeString("sneaky")));
            assertTrue(client.closedByBroker());
        }
        assertWorks(bystander);
        assertNormalClientWorks();
    }

    @Test
    void anOversizedFrameClosesTheConnection() throws Exception {
        startBroker(TcpAcceptorConfig.builder().maxFrameSize(64 * 1024));
        try (RawClient client = new RawClient(acceptor.port())) {
            client.handshake();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(64 * 1024 + 1); // only the length: the broker must not wait for the body
            out.writeByte(FrameType.SEND);
            client.write(bytes.toByteArray());
            assertTrue(client.closedByBroker());
        }
        assertNormalClientWorks();
    }

    @Test
    void aClientMessageOverTheBrokersLimitFailsTheSendNotTheConnection() throws Exception {
        startBroker(TcpAcceptorConfig.builder().maxFrameSize(64 * 1024));
        Connection connection = started();
        Session session = connection.createSession();
        Queue queue = session.createQueue("big");
        var producer = session.createProducer(queue);
        var big = session.createBytesMessage();
        big.writeBytes(new byte[100 * 1024]);
        JMSException e = org.junit.jupiter.api.Assertions.assertThrows(JMSException.class, () -> producer.send(big));
        assertTrue(e.getMessage().contains("maxFrameSize"), e.getMessage());
        assertWorks(connection);
    }

    @Test
    void unknownFrameTypesAndMalformedFramesCloseTheConnection() throws Exception {
        startBroker();
        byte[][] bad = {
                RawClient.frame((byte) 0x7f, f -> f.writeInt(1)),                         // unknown type
                RawClient.frame(FrameType.SET_CLIENT_ID, f -> f.writeInt(1).writeInt(1000)), // string longer than frame
                RawClient.frame(FrameType.ADD_CREDIT, f -> f.writeInt(0).writeLong(1)),    // too short
                RawClient.frame(FrameType.CLOSE_CONSUMER, f -> f.writeInt(1).writeLong(1).writeLong(2)), // trailing
                RawClient.frame(FrameType.HELLO, f -> f.writeString(null).writeString(null).writeInt(0)
                        .writeInt(1024).writeInt(0)),                                       // second HELLO
                RawClient.frame(FrameType.DELIVERY, f -> f.writeLong(1)),                   // a push from a client
                {0, 0, 0, 0},                                                              // zero length
        };
        for (byte[] frame : bad) {
            try (RawClient client = new RawClient(acceptor.port())) {
                client.handshake().write(frame);
                assertTrue(client.closedByBroker(), "frame " + java.util.Arrays.toString(frame));
            }
        }
        assertNormalClientWorks();
    }

    @Test
    void aClientThatNeverSaysHelloIsDropped() throws Exception {
        startBroker(TcpAcceptorConfig.builder().handshakeTimeoutMillis(300));
        try (RawClient client = new RawClient(acceptor.port())) {
            client.preamble(Protocol.VERSION);
            assertTrue(client.closedByBroker());
        }
    }

    private void assertNormalClientWorks() throws JMSException {
        assertWorks(started());
    }

    static void assertWorks(Connection connection) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            Queue queue = session.createQueue("still-serving");
            session.createProducer(queue).send(session.createTextMessage("alive"));
            MessageConsumer consumer = session.createConsumer(queue);
            TextMessage m = (TextMessage) consumer.receive(5_000);
            assertEquals("alive", m == null ? null : m.getText());
        } finally {
            session.close();
        }
    }

}
