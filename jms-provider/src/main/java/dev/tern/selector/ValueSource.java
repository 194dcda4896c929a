package dev.tern.selector;

/**
 * Where a selector reads identifier values from. {@link MessageValueSource} reads a
 * {@link jakarta.jms.Message}; the broker can later supply its own (for example over a stored index
 * record) without building a Message per evaluation.
 */
interface ValueSource {

    /** The property's value as it was set, or null when it is absent or cannot be read. */
    Object property(String name);

    /**
     * The header's value as a selector sees it (JMSDeliveryMode as the String 'PERSISTENT' or
     * 'NON_PERSISTENT', JMSPriority as an Integer, JMSTimestamp as a Long, the others as Strings), or null.
     */
    Object header(HeaderField field);
}
