package dev.tern.broker.store;

/**
 * Replay only, never in a journal document: a pending message restated by a checkpoint, with what
 * its header says, so that recovery need not read its body. {@link Enqueued} records with the same
 * document index follow for each queue that holds it.
 *
 * @param sequence      the message's sequence
 * @param documentIndex the journal document holding its body now
 * @param priority      JMS priority
 * @param expiration    epoch millis, 0 = never
 * @param deliveryTime  epoch millis, 0 = at once
 */
public record MessageLocated(long sequence, long documentIndex, int priority, long expiration, long deliveryTime)
        implements JournalRecord {
}
