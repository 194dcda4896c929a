package dev.tern.bench;

/** How the client reaches the broker under test. */
public enum Transport {
    IN_VM("in-VM"),
    TCP("TCP loopback");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
