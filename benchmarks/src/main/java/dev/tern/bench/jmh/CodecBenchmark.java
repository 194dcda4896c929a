package dev.tern.bench.jmh;

import dev.tern.client.TernQueue;
import dev.tern.message.MessageCodec;
import dev.tern.message.MessageHeader;
import dev.tern.message.TernBytesMessage;
import dev.tern.message.TernMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** Tern's message codec on a 1 KiB bytes message with the headers a send sets and two properties. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    private TernBytesMessage message;
    private byte[] encoded;

    @Setup
    public void setUp() throws JMSException {
        message = new TernBytesMessage();
        message.writeBytes(new byte[1024]);
        message.setJMSDestination(new TernQueue("orders"));
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        message.setJMSPriority(4);
        message.setJMSTimestamp(System.currentTimeMillis());
        message.setJMSMessageID("ID:0a1b2c3d-4e5f-6789-abcd-ef0123456789-1-123456");
        message.setStringProperty("color", "red");
        message.setIntProperty("weight", 12);
        encoded = MessageCodec.encode(message);
    }

    @Benchmark
    public byte[] encode() throws JMSException {
        return MessageCodec.encode(message);
    }

    @Benchmark
    public TernMessage decode() throws JMSException {
        return MessageCodec.decode(encoded);
    }

    /** Every header field, the message id included. */
    @Benchmark
    public MessageHeader readHeader() {
        return MessageCodec.readHeader(encoded);
    }

    /** What the broker reads of every message it routes. */
    @Benchmark
    public MessageHeader readRoutingHeader() {
        return MessageCodec.readRoutingHeader(encoded);
    }
}
