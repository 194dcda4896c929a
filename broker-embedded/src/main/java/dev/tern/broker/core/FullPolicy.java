package dev.tern.broker.core;

/** What a send to a destination that holds its limit of bytes meets. */
public enum FullPolicy {
    /** The send waits until consumers make room (its receipt is withheld; no thread waits on the broker). */
    BLOCK,
    /** The send fails with {@code jakarta.jms.ResourceAllocationException}. */
    FAIL
}
