package dev.tern.broker.net;

import dev.tern.message.MessageCodec;
import dev.tern.message.TernTextMessage;
import dev.tern.protocol.FrameType;
import dev.tern.protocol.Protocol;
import dev.tern.protocol.WireTypes;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.DeliveryTag;
import dev.tern.transport.DestinationRef;
import jakarta.jms.Connection;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throws random and mutated frames at a running broker over loopback (a bounded number of
 * connections, at most ~20 s), then checks that a normal client is still served and that the broker
 * let go of every fuzzing connection.
 */
class FuzzTest extends TcpTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(FuzzTest.class);
    private static final int CONNECTIONS = 400;
    private static final long MAX_MILLIS = 20_000;

    @Test
    void randomAndMutatedFramesNeverStopTheBroker() throws Exception {
        startBroker(TcpAcceptorConfig.builder().maxFrameSize(1024 * 1024).handshakeTimeoutMillis(2_000));
        Connection bystander = started();
        long seed = Long.getLong("tern.fuzz.seed", System.nanoTime());
        LOG.info("fuzz seed {} (rerun with -Dtern.fuzz.seed={})", seed, seed);
        Random random = new Random(seed);
        List<byte[]> valid = validRequests();
        long deadline = System.currentTimeMillis() + MAX_MILLIS;
        int sent = 0;
        for (int i = 0; i < CONNECTIONS && System.currentTimeMillis() < deadline; i++) {
            try (RawClient client = new RawClient(acceptor.port())) {
                client.setTimeout(200);
                switch (random.nextInt(4)) {
                    case 0 -> client.write(randomBytes(random, 1 + random.nextInt(64)));
                    case 1 -> client.preamble(Protocol.VERSION).write(randomBytes(random, 1 + random.nextInt(256)));
                    case 2 -> {
                        client.handshake();
                        for (int n = random.nextInt(5); n >= 0; n--) {
                            client.write(mutate(random, valid.get(random.nextInt(valid.size()))));
                        }
                    }
                    default -> {
                        client.handshake();
                        for (int n = random.nextInt(5); n >= 0; n--) {
                            client.write(randomFrame(random));
                        }
                    }
                }
                sent++;
                if (random.nextBoolean()) {
                    client.closedByBroker(); // sometimes read what comes back, sometimes just hang up
                }
            } catch (IOException e) {
                sent++; // the broker hung up while we were still writing: fine
            }
        }
        LOG.info("fuzzed {} connections", sent);
        assertTrue(sent > 50, "too few fuzz connections: " + sent);
        ProtocolTest.assertWorks(bystander);
        ProtocolTest.assertWorks(started());
        long until = System.currentTimeMillis() + 15_000;
        while (acceptor.clientCount() > 2 && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertEquals(2, acceptor.clientCount(), "fuzzing connections left open");
    }

    private static List<byte[]> validRequests() throws Exception {
        byte[] message = MessageCodec.encode(withDestination(new TernTextMessage("fuzz")));
        List<byte[]> frames = new ArrayList<>();
        frames.add(RawClient.frame(FrameType.SET_CLIENT_ID, f -> f.writeInt(1).writeString("fuzzer")));
        frames.add(RawClient.frame(FrameType.CREATE_CONSUMER, f -> {
            f.writeInt(2);
            WireTypes.writeSpec(f, new ConsumerSpec(7, DestinationRef.topic("t"), "a > 1", false, "sub", true, false, 5));
        }));
        frames.add(RawClient.frame(FrameType.CREATE_CONSUMER, f -> {
            f.writeInt(3);
            WireTypes.writeSpec(f, ConsumerSpec.simple(8, DestinationRef.queue("fuzz"), null, false, 3));
        }));
        frames.add(RawClient.frame(FrameType.ADD_CREDIT, f -> f.writeInt(0).writeLong(8).writeInt(5)));
        frames.add(RawClient.frame(FrameType.SEND, f -> f.writeInt(4).writeLong(0).writeBytes(message)));
        frames.add(RawClient.frame(FrameType.SEND, f -> f.writeInt(0).writeLong(9).writeBytes(message)));
        frames.add(RawClient.frame(FrameType.ACKNOWLEDGE, f -> {
            f.writeInt(5).writeLong(0);
            WireTypes.writeTags(f, List.of(new DeliveryTag(8, 1), new DeliveryTag(8, 2)));
        }));
        frames.add(RawClient.frame(FrameType.RELEASE, f -> {
            f.writeInt(6).writeBoolean(true);
            WireTypes.writeTags(f, List.of(new DeliveryTag(8, 1)));
        }));
        frames.add(RawClient.frame(FrameType.COMMIT, f -> f.writeInt(7).writeLong(9)));
        frames.add(RawClient.frame(FrameType.ROLLBACK, f -> f.writeInt(8).writeLong(9)));
        frames.add(RawClient.frame(FrameType.BROWSE, f -> {
            f.writeInt(9);
            WireTypes.writeDestination(f, DestinationRef.queue("fuzz"));
            f.writeString("JMSPriority > 2");
        }));
        frames.add(RawClient.frame(FrameType.CREATE_TEMPORARY, f -> f.writeInt(10).writeBoolean(false)));
        frames.add(RawClient.frame(FrameType.UNSUBSCRIBE, f -> f.writeInt(11).writeString("sub")));
        frames.add(RawClient.frame(FrameType.CLOSE_CONSUMER, f -> f.writeInt(12).writeLong(8)));
        frames.add(RawClient.frame(FrameType.HEARTBEAT, f -> { }));
        return frames;
    }

    private static TernTextMessage withDestination(TernTextMessage message) throws Exception {
        message.setJMSDestination(new dev.tern.client.TernQueue("fuzz"));
        message.setJMSMessageID("ID:fuzz-1");
        return message;
    }

    private static byte[] mutate(Random random, byte[] frame) {
        byte[] copy = frame.clone();
        switch (random.nextInt(4)) {
            case 0 -> { // flip a few bytes anywhere after the length
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    int at = 4 + random.nextInt(copy.length - 4);
                    copy[at] = (byte) random.nextInt(256);
                }
            }
            case 1 -> { // truncate the body but keep the length field consistent
                int keep = 5 + random.nextInt(copy.length - 4);
                copy = java.util.Arrays.copyOf(copy, Math.min(keep, copy.length));
                java.nio.ByteBuffer.wrap(copy).putInt(0, copy.length - 4);
            }
            case 2 -> { // lie in the length field
                java.nio.ByteBuffer.wrap(copy).putInt(0, random.nextInt());
            }
            default -> { // corrupt a field inside (strings, counts)
                int at = 5 + random.nextInt(Math.max(1, copy.length - 8));
                if (at + 4 <= copy.length) {
                    java.nio.ByteBuffer.wrap(copy).putInt(at, random.nextBoolean() ? -2 - random.nextInt(1000)
                            : random.nextInt());
                }
            }
        }
        return copy;
    }

    private static byte[] randomFrame(Random random) {
        byte[] body = randomBytes(random, random.nextInt(64));
        byte type = (byte) random.nextInt(0x40);
        byte[] frame = new byte[5 + body.length];
        java.nio.ByteBuffer.wrap(frame).putInt(1 + body.length).put(type).put(body);
        return frame;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
