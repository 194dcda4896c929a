package dev.tern.broker.store;

/** PLACEHOLDER until branch {@code journal} lands. */
public enum SyncPolicy { MEMORY_MAPPED, FSYNC }
