package dev.tern.broker.store;

/** PLACEHOLDER until branch {@code journal} lands. */
public record JournalOptions(SyncPolicy syncPolicy, String rollCycle) {

    public static JournalOptions defaults() {
        return new JournalOptions(SyncPolicy.MEMORY_MAPPED, "FAST_DAILY");
    }
}
