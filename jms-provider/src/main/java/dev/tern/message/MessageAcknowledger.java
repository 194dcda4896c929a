package dev.tern.message;

import jakarta.jms.JMSException;

/**
 * What {@link TernMessage#acknowledge()} calls: the session that received the message sets one on
 * each message it hands out (client-acknowledge mode); it decides what acknowledging means.
 */
@FunctionalInterface
public interface MessageAcknowledger {

    void acknowledge() throws JMSException;
}
