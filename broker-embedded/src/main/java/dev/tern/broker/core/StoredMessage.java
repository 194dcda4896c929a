package dev.tern.broker.core;

/**
 * A message as the broker indexes it, shared by every queue it was routed to. A journalled message
 * keeps no body on the heap: it is read from the journal when delivered.
 *
 * @param sequence      the broker's sequence number (unique, increasing)
 * @param documentIndex the journal document holding the body, or -1 if the body is {@code body}
 * @param body          the encoded message when it is not in the journal, else null
 * @param expiration    epoch millis after which it is dropped, 0 = never
 * @param deliveryTime  epoch millis before which it is not delivered, 0 = at once
 */
record StoredMessage(long sequence, long documentIndex, byte[] body, int priority, long expiration,
                     long deliveryTime) {

    static final long NOT_JOURNALLED = -1;

    boolean journalled() {
        return documentIndex != NOT_JOURNALLED;
    }

    boolean expiredAt(long now) {
        return expiration != 0 && expiration <= now;
    }
}
