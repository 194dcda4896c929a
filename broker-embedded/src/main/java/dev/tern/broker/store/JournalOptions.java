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
 *                   existing one keeps the roll cycle it was created with. Tests use
 *                   {@code TEST_SECONDLY} to exercise deletion quickly.
 * @param checkpointBytes journal bytes after which a checkpoint is written even if the cycle did
 *                   not roll: bounds the replay after a crash (see {@code Compactor})
 */
public record JournalOptions(SyncPolicy syncPolicy, String rollCycle, long minFreeBytes, long checkpointBytes) {

    /**
     * One file per five minutes: old files are deleted once nothing in them is pending, so the file
     * size is the granularity of disk reclaim (at 50 MB/s of traffic one file is ~15 GB; an hourly
     * cycle would be ~180 GB). Chronicle has no shorter production cycle.
     */
    public static final String DEFAULT_ROLL_CYCLE = "FIVE_MINUTELY";

    /** Journal growth after which a checkpoint is written even within one cycle file: 256 MiB. */
    public static final long DEFAULT_CHECKPOINT_BYTES = 256L << 20;

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
        if (checkpointBytes < 1) {
            throw new IllegalArgumentException("checkpointBytes < 1: " + checkpointBytes);
        }
    }

    /** @throws IllegalArgumentException if no Chronicle roll cycle has that name */
    public void checkRollCycle() {
        RollCycleNames.resolve(rollCycle);
    }

    /** With {@link #DEFAULT_CHECKPOINT_BYTES}. */
    public JournalOptions(SyncPolicy syncPolicy, String rollCycle, long minFreeBytes) {
        this(syncPolicy, rollCycle, minFreeBytes, DEFAULT_CHECKPOINT_BYTES);
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
        return new JournalOptions(policy, rollCycle, minFreeBytes, checkpointBytes);
    }

    /** The same options with another roll cycle. */
    public JournalOptions withRollCycle(String name) {
        return new JournalOptions(syncPolicy, name, minFreeBytes, checkpointBytes);
    }

    /** The same options with another disk reserve. */
    public JournalOptions withMinFreeBytes(long bytes) {
        return new JournalOptions(syncPolicy, rollCycle, bytes, checkpointBytes);
    }

    /** The same options with another checkpoint threshold (journal bytes between checkpoints). */
    public JournalOptions withCheckpointBytes(long bytes) {
        return new JournalOptions(syncPolicy, rollCycle, minFreeBytes, bytes);
    }
}
