package dev.tern.broker.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message body, stored once however many queues or subscriptions reference it.
 *
 * <p>The array is not copied (bodies can be large): whoever creates the record hands the array over
 * and must not modify it afterwards. {@code equals}/{@code hashCode} compare the content.
 *
 * @param sequence the broker's identifier of this message, unique within the journal
 * @param message  the encoded message, never null
 */
public record MessageStored(long sequence, byte[] message) implements JournalRecord {

    public MessageStored {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageStored that
                && sequence == that.sequence
                && Arrays.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(sequence) + Arrays.hashCode(message);
    }

    @Override
    public String toString() {
        return "MessageStored[sequence=" + sequence + ", " + message.length + " bytes]";
    }
}
