package dev.tern.it;

import dev.tern.broker.BrokerRegistry;
import dev.tern.broker.TernBroker;

/** The one place the tests touch the broker's embedding API: stopping a broker by its vm:// name. */
final class EmbeddedBrokers {

    private EmbeddedBrokers() {
    }

    /** Stops the embedded broker called {@code name} if it runs; its connections are closed. */
    static void stop(String name) {
        BrokerRegistry.get(name).ifPresent(TernBroker::stop);
    }
}
