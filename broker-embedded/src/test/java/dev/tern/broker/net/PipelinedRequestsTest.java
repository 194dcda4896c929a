package dev.tern.broker.net;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.TernBroker;
import dev.tern.broker.core.FullPolicy;
import dev.tern.broker.store.SyncPolicy;
import dev.tern.client.TernQueue;
import dev.tern.message.MessageCodec;
import dev.tern.message.TernTextMessage;
import dev.tern.protocol.FrameType;
import dev.tern.protocol.WireTypes;
import dev.tern.transport.DestinationRef;
import jakarta.jms.DeliveryMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests written back to back, without waiting for answers, to a journalling broker: sends that run
 * on the network thread and requests that run on a worker keep their order, and a send's failure
 * comes back as the ERROR for that very request.
 */
class PipelinedRequestsTest {

    @TempDir
    Path dir;
    private TernBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    private TcpAcceptor start(SyncPolicy sync) {
        broker = TernBroker.start(BrokerConfig.builder("pipelined-" + sync.name().toLowerCase())
                .dataDirectory(dir).syncPolicy(sync)
                .destinationLimit("full.*", 512, FullPolicy.FAIL) // about 10 journalled messages
                .build());
        return broker.startAcceptor(TcpAcceptorConfig.builder().host("127.0.0.1").port(0).build());
    }

    @ParameterizedTest
    @EnumSource(SyncPolicy.class)
    void sendsAndABrowseBetweenThemAreAnsweredInRequestOrder(SyncPolicy sync) throws Exception {
        TcpAcceptor acceptor = start(sync);
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        int id = 0;
        for (int i = 0; i < 50; i++) {
            requests.write(send(++id, "order", i));
        }
        requests.write(browse(++id, "order")); // run on a worker: the sends after it must wait
        for (int i = 50; i < 100; i++) {
            requests.write(send(++id, "order", i));
        }
        requests.write(browse(++id, "order"));
        try (RawClient client = new RawClient(acceptor.port())) {
            client.handshake().write(requests.toByteArray());
            for (int expected = 1; expected <= id; expected++) {
                RawClient.Frame answer = client.readFrame();
                ByteBuffer body = ByteBuffer.wrap(answer.body());
                assertEquals(FrameType.RESPONSE, answer.type(), "answer " + expected);
                assertEquals(expected, body.getInt(), "answers in request order");
                if (expected == 51) {
                    assertEquals(50, body.getInt(), "the first browse sees exactly the sends before it");
                } else if (expected == id) {
                    assertEquals(100, body.getInt(), "the last browse sees every send");
                }
            }
        }
    }

    @Test
    void aRefusedSendAnswersItsOwnRequestAndTheConnectionGoesOn() throws Exception {
        TcpAcceptor acceptor = start(SyncPolicy.MEMORY_MAPPED);
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 1; i <= 60; i++) { // the limit refuses the later ones
            requests.write(send(i, "full.q", i));
        }
        requests.write(RawClient.frame(FrameType.SET_CLIENT_ID, f -> f.writeInt(61).writeString("after")));
        try (RawClient client = new RawClient(acceptor.port())) {
            client.handshake().write(requests.toByteArray());
            int accepted = 0;
            int refused = 0;
            for (int expected = 1; expected <= 60; expected++) {
                RawClient.Frame answer = client.readFrame();
                assertEquals(expected, ByteBuffer.wrap(answer.body()).getInt(), "answers in request order");
                if (answer.type() == FrameType.ERROR) {
                    refused++;
                } else {
                    assertEquals(FrameType.RESPONSE, answer.type());
                    assertEquals(0, refused, "no send accepted after a refusal (nothing consumes)");
                    accepted++;
                }
            }
            assertTrue(accepted > 1 && refused > 10, accepted + " accepted, " + refused + " refused");
            RawClient.Frame after = client.readFrame();
            assertEquals(FrameType.RESPONSE, after.type(), "the connection still answers");
            assertEquals(61, ByteBuffer.wrap(after.body()).getInt());
        }
    }

    private static byte[] send(int id, String queue, int n) throws Exception {
        TernTextMessage message = new TernTextMessage("x".repeat(1000) + n);
        message.setJMSDestination(new TernQueue(queue));
        message.setJMSMessageID("ID:pipelined-" + queue + "-" + n);
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        byte[] bytes = MessageCodec.encode(message);
        return RawClient.frame(FrameType.SEND, f -> f.writeInt(id).writeLong(0).writeBytes(bytes));
    }

    private static byte[] browse(int id, String queue) {
        return RawClient.frame(FrameType.BROWSE, f -> {
            f.writeInt(id);
            WireTypes.writeDestination(f, DestinationRef.queue(queue));
            f.writeString(null);
        });
    }
}
