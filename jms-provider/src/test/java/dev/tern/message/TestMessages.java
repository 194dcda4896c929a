package dev.tern.message;

import jakarta.jms.JMSException;

/** Helpers shared by the message tests. */
final class TestMessages {

    private TestMessages() {
    }

    /** The message as a consumer would receive it after a trip through the codec. */
    @SuppressWarnings("unchecked")
    static <T extends TernMessage> T received(T message) throws JMSException {
        return (T) MessageCodec.decode(MessageCodec.encode(message));
    }
}
