package dev.tern.bench.jmh;

import dev.tern.message.MessageCodec;
import dev.tern.message.TernMessage;
import dev.tern.message.TernTextMessage;
import dev.tern.selector.Selector;
import jakarta.jms.JMSException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** Selector evaluation on a decoded message, as a topic with selecting subscribers does per send. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SelectorBenchmark {

    private Selector simple;
    private Selector complex;
    private TernMessage message;

    @Setup
    public void setUp() throws JMSException {
        simple = Selector.parse("color = 'red'");
        complex = Selector.parse("color IN ('red', 'green') AND weight BETWEEN 10 AND 20 AND region LIKE 'eu-%' "
                + "AND JMSPriority > 3");
        TernTextMessage m = new TernTextMessage();
        m.setText("hello");
        m.setStringProperty("color", "red");
        m.setIntProperty("weight", 12);
        m.setStringProperty("region", "eu-west");
        m.setJMSPriority(5);
        message = MessageCodec.decode(MessageCodec.encode(m));
    }

    @Benchmark
    public boolean simple() {
        return simple.matches(message);
    }

    @Benchmark
    public boolean complex() {
        return complex.matches(message);
    }

    @Benchmark
    public Selector parse() throws JMSException {
        return Selector.parse("color IN ('red', 'green') AND weight BETWEEN 10 AND 20");
    }
}
