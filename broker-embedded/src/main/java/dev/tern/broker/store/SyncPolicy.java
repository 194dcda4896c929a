package dev.tern.broker.store;

/** When {@link Journal#append(java.util.List)} returns. */
public enum SyncPolicy {
    /**
     * Once the records are in the memory-mapped file: they survive a crash of the process (the
     * operating system writes them out), not a crash of the machine. The default.
     */
    MEMORY_MAPPED,
    /**
     * Once the records are forced to disk; concurrent appenders share one fsync (group commit).
     * Survives a crash of the machine.
     */
    FSYNC
}
