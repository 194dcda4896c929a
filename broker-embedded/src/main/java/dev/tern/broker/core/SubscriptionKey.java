package dev.tern.broker.core;

/**
 * Names a durable or shared subscription: its name and the client ID it was created with (null for a
 * shared subscription created without one).
 */
record SubscriptionKey(String clientId, String name) {

    private static final String PREFIX = "sub:";

    /** The queue key of a durable subscription's records in the journal. */
    String journalKey() {
        // the length prefix keeps "a:b" + "c" apart from "a" + "b:c"
        return clientId == null ? PREFIX + "-:" + name : PREFIX + clientId.length() + ":" + clientId + ":" + name;
    }

    @Override
    public String toString() {
        return clientId == null ? name : clientId + ":" + name;
    }
}
