package dev.tern.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code JMSXDeliveryCount} is a field of the received message, seen through every property accessor. */
class DeliveryCountPropertyTest {

    private static final String NAME = "JMSXDeliveryCount";

    private static TernMessage received(int count) throws JMSException {
        TernMessage m = TestMessages.received(new TernBytesMessage());
        m.setDeliveryCount(count);
        return m;
    }

    @Test
    void everyAccessorSeesIt() throws JMSException {
        TernMessage m = received(4);
        assertEquals(4, m.getIntProperty(NAME));
        assertEquals(4L, m.getLongProperty(NAME));
        assertEquals("4", m.getStringProperty(NAME));
        assertEquals(Integer.valueOf(4), m.getObjectProperty(NAME));
        assertTrue(m.propertyExists(NAME));
        assertEquals(List.of(NAME), Collections.list(m.getPropertyNames()));
        assertTrue(m.getJMSRedelivered());
        assertThrows(MessageFormatException.class, () -> m.getShortProperty(NAME), "int to short is not a conversion");
        assertThrows(MessageFormatException.class, () -> m.getBooleanProperty(NAME));
        assertThrows(MessageFormatException.class, () -> m.getDoubleProperty(NAME));
    }

    @Test
    void comesAfterTheMessagesOwnProperties() throws JMSException {
        TernBytesMessage sent = new TernBytesMessage();
        sent.setStringProperty("b", "x");
        sent.setIntProperty("a", 1);
        TernMessage m = TestMessages.received(sent);
        m.setDeliveryCount(1);
        assertEquals(List.of("b", "a", NAME), Collections.list(m.getPropertyNames()));
        assertFalse(m.getJMSRedelivered());
        assertEquals(1, m.getIntProperty(NAME));
        assertEquals("x", m.getStringProperty("b"));
    }

    @Test
    void readOnlyLikeTheOtherPropertiesOfAReceivedMessage() throws JMSException {
        TernMessage m = received(2);
        assertThrows(MessageNotWriteableException.class, () -> m.setIntProperty(NAME, 9));
        assertEquals(2, m.getIntProperty(NAME));
    }

    @Test
    void clearPropertiesRemovesItAndTheApplicationMaySetItsOwn() throws JMSException {
        TernMessage m = received(3);
        m.clearProperties();
        assertFalse(m.propertyExists(NAME));
        assertNull(m.getObjectProperty(NAME));
        assertFalse(m.getPropertyNames().hasMoreElements());
        m.setIntProperty(NAME, 7);
        assertEquals(7, m.getIntProperty(NAME));
        assertEquals(List.of(NAME), Collections.list(m.getPropertyNames()));
    }

    @Test
    void theProvidersCountReplacesAnApplicationValue() throws JMSException {
        TernMessage m = new TernMessage();
        m.setIntProperty(NAME, 7);
        m.setDeliveryCount(2);
        assertEquals(2, m.getIntProperty(NAME));
        assertEquals(List.of(NAME), Collections.list(m.getPropertyNames()), "one name, not two");
        m.setIntProperty(NAME, 8); // writable message: the application's value wins again
        assertEquals(8, m.getIntProperty(NAME));
        assertEquals(List.of(NAME), Collections.list(m.getPropertyNames()));
    }

    @Test
    void neverEncoded() throws JMSException {
        TernMessage m = received(5);
        TernMessage again = TestMessages.received(m);
        assertFalse(again.propertyExists(NAME));
        assertFalse(again.getPropertyNames().hasMoreElements());
    }

    @Test
    void aMessageWithoutItHasNoSuchProperty() throws JMSException {
        TernMessage m = TestMessages.received(new TernBytesMessage());
        assertFalse(m.propertyExists(NAME));
        assertNull(m.getObjectProperty(NAME));
        assertThrows(NumberFormatException.class, () -> m.getIntProperty(NAME));
    }
}
