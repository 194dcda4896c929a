package dev.tern.transport;

import java.util.Objects;

/**
 * A destination as client and broker exchange it: its kind and its name. Temporary destinations
 * carry names the broker made unique; they live as long as the connection that created them.
 */
public record DestinationRef(Kind kind, String name) {

    public enum Kind {
        QUEUE, TOPIC, TEMPORARY_QUEUE, TEMPORARY_TOPIC;

        public boolean isTopic() {
            return this == TOPIC || this == TEMPORARY_TOPIC;
        }

        public boolean isTemporary() {
            return this == TEMPORARY_QUEUE || this == TEMPORARY_TOPIC;
        }
    }

    public DestinationRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static DestinationRef queue(String name) {
        return new DestinationRef(Kind.QUEUE, name);
    }

    public static DestinationRef topic(String name) {
        return new DestinationRef(Kind.TOPIC, name);
    }

    public boolean isTopic() {
        return kind.isTopic();
    }

    public boolean isTemporary() {
        return kind.isTemporary();
    }

    @Override
    public String toString() {
        return kind + ":" + name;
    }
}
