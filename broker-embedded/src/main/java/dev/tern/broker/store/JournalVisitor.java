package dev.tern.broker.store;

/** PLACEHOLDER until branch {@code journal} lands. */
@FunctionalInterface
public interface JournalVisitor {
    void onRecord(long documentIndex, JournalRecord record);
}
