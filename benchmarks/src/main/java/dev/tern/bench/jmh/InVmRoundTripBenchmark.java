package dev.tern.bench.jmh;

import dev.tern.bench.BrokerUnderTest;
import dev.tern.bench.Column;
import dev.tern.bench.Transport;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One persistent 1 KiB message sent and received (AUTO_ACKNOWLEDGE) in-VM, the same JMS code on
 * each provider: {@code -prof gc} gives the bytes allocated per message by client and broker
 * together (every thread of the JVM).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InVmRoundTripBenchmark {

    @Param({"TERN", "ARTEMIS_NOSYNC"})
    public String column;

    private Path dir;
    private BrokerUnderTest broker;
    private Connection connection;
    private MessageProducer producer;
    private MessageConsumer consumer;
    private BytesMessage message;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("jmh-roundtrip");
        broker = Column.valueOf(column).start(dir, false);
        connection = broker.connectionFactory(Transport.IN_VM).createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(session.createQueue("roundtrip"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        consumer = session.createConsumer(session.createQueue("roundtrip"));
        message = session.createBytesMessage();
        message.writeBytes(new byte[1024]);
        connection.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        connection.close();
        broker.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Message sendAndReceive() throws JMSException {
        producer.send(message);
        return consumer.receive(10_000);
    }
}
