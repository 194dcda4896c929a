package dev.tern.message;

import dev.tern.client.TernDestination;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.util.Enumeration;

/** Copies another provider's message into a Tern message through the JMS interfaces only. */
final class ForeignMessageCopy {

    private ForeignMessageCopy() {
    }

    static TernMessage copy(Message foreign) throws JMSException {
        TernMessage copy = newOfSameType(foreign);
        copy.copyBodyFrom(foreign);
        copyHeaders(foreign, copy);
        copyProperties(foreign, copy);
        return copy;
    }

    private static TernMessage newOfSameType(Message foreign) {
        if (foreign instanceof TextMessage) {
            return new TernTextMessage();
        }
        if (foreign instanceof BytesMessage) {
            return new TernBytesMessage();
        }
        if (foreign instanceof MapMessage) {
            return new TernMapMessage();
        }
        if (foreign instanceof ObjectMessage) {
            return new TernObjectMessage();
        }
        if (foreign instanceof StreamMessage) {
            return new TernStreamMessage();
        }
        return new TernMessage();
    }

    private static void copyHeaders(Message foreign, TernMessage copy) throws JMSException {
        copy.setJMSMessageID(foreign.getJMSMessageID());
        copy.setJMSTimestamp(foreign.getJMSTimestamp());
        copy.setJMSCorrelationID(foreign.getJMSCorrelationID());
        copy.setJMSReplyTo(foreign.getJMSReplyTo() == null ? null : TernDestination.from(foreign.getJMSReplyTo()));
        copy.setJMSDestination(destinationOrNull(foreign.getJMSDestination()));
        copy.setJMSDeliveryMode(foreign.getJMSDeliveryMode());
        copy.setJMSRedelivered(foreign.getJMSRedelivered());
        copy.setJMSType(foreign.getJMSType());
        copy.setJMSExpiration(foreign.getJMSExpiration());
        copy.setJMSDeliveryTime(foreign.getJMSDeliveryTime());
        copy.setJMSPriority(foreign.getJMSPriority());
    }

    /** Sending sets JMSDestination anyway, so one Tern cannot name is dropped rather than failing the send. */
    private static Destination destinationOrNull(Destination destination) {
        if (destination == null) {
            return null;
        }
        try {
            return TernDestination.from(destination);
        } catch (JMSException e) {
            return null;
        }
    }

    private static void copyProperties(Message foreign, TernMessage copy) throws JMSException {
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            copy.setObjectProperty(name, foreign.getObjectProperty(name));
        }
    }
}
