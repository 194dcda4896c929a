package dev.tern.broker.store;

import java.util.Objects;

/**
 * Settings of a {@link Journal}.
 *
 * @param syncPolicy when an append returns; see {@link SyncPolicy}
 * @param rollCycle  the name of a Chronicle Queue roll cycle (a constant of {@code RollCycles},
 *                   {@code LargeRollCycles}, {@code SparseRollCycles}, {@code LegacyRollCycles} or
 *                   {@code TestRollCycles}, e.g. {@code FAST_HOURLY}, {@code FAST_DAILY}). It decides the
 *                   size of the files old data is deleted by. It only applies to a new journal: an
 *                   existing one keeps the roll cycle it was created with.
 */
public record JournalOptions(SyncPolicy syncPolicy, String rollCycle, long minFreeBytes) {

    /** One file per hour: fine-grained enough to delete old data, up to 4 billion documents an hour. */
    public static final String DEFAULT_ROLL_CYCLE = "FAST_HOURLY";

    /** Usable disk space below which sends are refused (see {@code DiskSpaceGuard}): 64 MiB. */
    public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;

    /**
     * @param minFreeBytes usable space the journal's file system keeps: a send that would go below
     *                     it gets a {@code ResourceAllocationException}; 0 turns the check off
     */
    public JournalOptions {
        Objects.requireNonNull(syncPolicy, "syncPolicy");
        Objects.requireNonNull(rollCycle, "rollCycle");
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes < 0: " + minFreeBytes);
        }
    }

    /** With {@link #DEFAULT_MIN_FREE_BYTES}. */
    public JournalOptions(SyncPolicy syncPolicy, String rollCycle) {
        this(syncPolicy, rollCycle, DEFAULT_MIN_FREE_BYTES);
    }

    /** {@link SyncPolicy#MEMORY_MAPPED} and {@link #DEFAULT_ROLL_CYCLE}. */
    public static JournalOptions defaults() {
        return new JournalOptions(SyncPolicy.MEMORY_MAPPED, DEFAULT_ROLL_CYCLE);
    }

    /** The same options with another sync policy. */
    public JournalOptions withSyncPolicy(SyncPolicy policy) {
        return new JournalOptions(policy, rollCycle, minFreeBytes);
    }

    /** The same options with another roll cycle. */
    public JournalOptions withRollCycle(String name) {
        return new JournalOptions(syncPolicy, name, minFreeBytes);
    }

    /** The same options with another disk reserve. */
    public JournalOptions withMinFreeBytes(long bytes) {
        return new JournalOptions(syncPolicy, rollCycle, bytes);
    }
}
