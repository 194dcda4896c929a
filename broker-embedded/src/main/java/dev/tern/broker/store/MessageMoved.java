package dev.tern.broker.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * A still pending message copied forward by the journal's compaction so that the old journal file
 * holding its first copy can be deleted. From this document on, its body is read here; which queues
 * hold it does not change. Ignored if the message is no longer pending.
 *
 * @param sequence the message's sequence ({@link MessageStored#sequence()})
 * @param message  the encoded message, not copied
 */
public record MessageMoved(long sequence, byte[] message) implements JournalRecord {

    public MessageMoved {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageMoved that && sequence == that.sequence && Arrays.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(sequence) + Arrays.hashCode(message);
    }

    @Override
    public String toString() {
        return "MessageMoved[sequence=" + sequence + ", " + message.length + " bytes]";
    }
}
