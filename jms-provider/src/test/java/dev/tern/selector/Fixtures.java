package dev.tern.selector;

import jakarta.jms.DeliveryMode;

import java.util.List;

/** The message most evaluation tests run against. */
final class Fixtures {

    private Fixtures() {
    }

    static TestMessage standard() {
        TestMessage m = new TestMessage()
                .with("i", 7)                       // Integer
                .with("l", 7L)                      // Long
                .with("sh", (short) 7)              // Short
                .with("by", (byte) 7)               // Byte
                .with("d", 7.5)                     // Double
                .with("f", 7.5f)                    // Float
                .with("pointOneF", 0.1f)
                .with("pointOne", 0.1)
                .with("zero", 0)
                .with("dzero", 0.0)
                .with("nan", Double.NaN)
                .with("inf", Double.POSITIVE_INFINITY)
                .with("max", Long.MAX_VALUE)
                .with("min", Long.MIN_VALUE)
                .with("big", 9007199254740993L)     // 2^53 + 1: not representable as a double
                .with("str", "seven")
                .with("str2", "eight")
                .with("num", "2")                   // a string that looks like a number
                .with("country", "UK")
                .with("empty", "")
                .with("yes", true)
                .with("no", false)
                .with("list", List.of(1, 2))        // not a selector type: NULL
                .with("ch", 'x')                    // Character is not a selector type: NULL
                .with("JMSXDeliveryCount", 2)
                .with("JMS_TERN_region", "eu")
                .with("jmsType", "lowercase-property");
        m.setJMSType("car");
        m.setJMSMessageID("ID:tern-1");
        m.setJMSCorrelationID("corr-1");
        m.setJMSTimestamp(1_700_000_000_000L);
        m.setJMSPriority(4);
        m.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        return m;
    }
}
