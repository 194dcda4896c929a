package dev.tern.broker.core;

import dev.tern.transport.DeliveryTag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A transaction's sends and acknowledgements, held until commit. */
final class ServerTransaction {

    private final List<PreparedSend> sends = new ArrayList<>();
    private final List<DeliveryTag> acks = new ArrayList<>();

    synchronized void send(PreparedSend send) {
        sends.add(send);
    }

    synchronized void acknowledge(Collection<DeliveryTag> tags) {
        acks.addAll(tags);
    }

    synchronized List<PreparedSend> sends() {
        return List.copyOf(sends);
    }

    synchronized List<DeliveryTag> acks() {
        return List.copyOf(acks);
    }
}
