package dev.tern.selector;

import jakarta.jms.DeliveryMode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The six header fields a selector may use, read through the Message header getters. */
class HeaderTest {

    @Test
    void deliveryModeIsComparedAsPersistentOrNonPersistent() {
        TestMessage persistent = new TestMessage();
        persistent.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        TestMessage nonPersistent = new TestMessage();
        nonPersistent.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);

        assertEquals(Truth.TRUE, Eval.truth("JMSDeliveryMode = 'PERSISTENT'", persistent));
        assertEquals(Truth.FALSE, Eval.truth("JMSDeliveryMode = 'NON_PERSISTENT'", persistent));
        assertEquals(Truth.TRUE, Eval.truth("JMSDeliveryMode = 'NON_PERSISTENT'", nonPersistent));
        assertEquals(Truth.TRUE, Eval.truth("JMSDeliveryMode <> 'PERSISTENT'", nonPersistent));
        assertEquals(Truth.FALSE, Eval.truth("JMSDeliveryMode = 'persistent'", persistent));
        assertEquals(Truth.TRUE, Eval.truth("JMSDeliveryMode IN ('PERSISTENT', 'X')", persistent));
        assertEquals(Truth.TRUE, Eval.truth("JMSDeliveryMode LIKE 'NON%'", nonPersistent));
        assertEquals(Truth.TRUE, Eval.truth("JMSDeliveryMode IS NOT NULL", nonPersistent));
    }

    @Test
    void unknownDeliveryModeValueIsNull() {
        TestMessage odd = new TestMessage();
        odd.setJMSDeliveryMode(7);
        assertEquals(Truth.TRUE, Eval.truth("JMSDeliveryMode IS NULL", odd));
        assertEquals(Truth.UNKNOWN, Eval.truth("JMSDeliveryMode = 'PERSISTENT'", odd));
    }

    @Test
    void priorityAndTimestampAreNumbers() {
        TestMessage m = new TestMessage();
        m.setJMSPriority(7);
        m.setJMSTimestamp(1_700_000_000_123L);
        assertEquals(Truth.TRUE, Eval.truth("JMSPriority = 7", m));
        assertEquals(Truth.TRUE, Eval.truth("JMSPriority > 4 AND JMSPriority <= 9", m));
        assertEquals(Truth.TRUE, Eval.truth("JMSPriority BETWEEN 5 AND 9", m));
        assertEquals(Truth.TRUE, Eval.truth("JMSPriority * 2 = 14.0", m));
        assertEquals(Truth.TRUE, Eval.truth("JMSTimestamp = 1700000000123", m));
        assertEquals(Truth.TRUE, Eval.truth("JMSTimestamp > 1700000000000 AND JMSTimestamp < 1800000000000", m));
        assertEquals(Truth.TRUE, Eval.truth("JMSTimestamp - 1700000000000 = 123", m));
        // A disabled timestamp is 0, not NULL.
        TestMessage noTimestamp = new TestMessage();
        assertEquals(Truth.TRUE, Eval.truth("JMSTimestamp = 0", noTimestamp));
        assertEquals(Truth.TRUE, Eval.truth("JMSPriority = 4", noTimestamp)); // default priority
    }

    @Test
    void stringHeadersMayBeNull() {
        TestMessage empty = new TestMessage();
        assertEquals(Truth.TRUE, Eval.truth("JMSMessageID IS NULL AND JMSCorrelationID IS NULL AND JMSType IS NULL",
                empty));
        assertEquals(Truth.UNKNOWN, Eval.truth("JMSType = 'car'", empty));
        assertEquals(Truth.UNKNOWN, Eval.truth("JMSType LIKE '%'", empty));
        assertEquals(Truth.UNKNOWN, Eval.truth("JMSCorrelationID IN ('a')", empty));

        TestMessage m = new TestMessage();
        m.setJMSMessageID("ID:abc-1");
        m.setJMSCorrelationID("order-42");
        m.setJMSType("car");
        assertEquals(Truth.TRUE, Eval.truth("JMSMessageID = 'ID:abc-1'", m));
        assertEquals(Truth.TRUE, Eval.truth("JMSMessageID LIKE 'ID:%'", m));
        assertEquals(Truth.TRUE, Eval.truth("JMSCorrelationID = 'order-42'", m));
        assertEquals(Truth.TRUE, Eval.truth("JMSType = 'car' AND JMSCorrelationID IS NOT NULL", m));
    }

    @Test
    void headersComeFromGettersNotFromPropertiesOfTheSameName() {
        TestMessage m = new TestMessage().with("JMSType", "property").with("JMSPriority", 1);
        m.setJMSType("header");
        m.setJMSPriority(8);
        assertEquals(Truth.TRUE, Eval.truth("JMSType = 'header' AND JMSPriority = 8", m));
    }

    @Test
    void specificationExample() throws Exception {
        TestMessage m = new TestMessage().with("color", "blue").with("weight", 2501);
        m.setJMSType("car");
        Selector selector = Selector.parse("JMSType = 'car' AND color = 'blue' AND weight > 2500");
        assertEquals(true, selector.matches(m));
        m.with("weight", 2500);
        assertEquals(false, selector.matches(m));
    }
}
