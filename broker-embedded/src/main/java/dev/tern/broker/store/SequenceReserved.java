package dev.tern.broker.store;

/**
 * Replay only, never in a journal document: sequences up to {@code highestSequence} were used
 * (restated by a checkpoint: the documents that used them may be deleted), so new messages must
 * get higher ones.
 */
public record SequenceReserved(long highestSequence) implements JournalRecord {
}
