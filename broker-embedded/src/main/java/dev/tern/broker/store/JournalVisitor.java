package dev.tern.broker.store;

/** Receives the journal's records during {@link Journal#replay(JournalVisitor)}. */
@FunctionalInterface
public interface JournalVisitor {

    /**
     * @param documentIndex the index of the journal document holding the record, as returned by
     *                      {@link Journal#append(java.util.List)}; use it with {@link Journal#readMessage(long, long)}
     * @param record        the record
     */
    void onRecord(long documentIndex, JournalRecord record);
}
