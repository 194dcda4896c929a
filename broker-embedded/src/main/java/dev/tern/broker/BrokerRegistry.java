package dev.tern.broker;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The brokers running in this JVM, by name: what {@code vm://<name>} reaches. Starting is serialized
 * (a broker's start replays its journal once); looking up is lock-free.
 */
public final class BrokerRegistry {

    private static final Map<String, TernBroker> BROKERS = new ConcurrentHashMap<>();
    private static final Object STARTING = new Object();

    static {
        // Embedded brokers end with their JVM: close journals cleanly rather than leave it to recovery.
        Runtime.getRuntime().addShutdownHook(new Thread(BrokerRegistry::stopAll, "tern-shutdown"));
    }

    private BrokerRegistry() {
    }

    /** Stops every broker of this JVM (used by the shutdown hook). */
    public static void stopAll() {
        for (TernBroker broker : BROKERS.values()) {
            try {
                broker.stop();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BrokerRegistry.class).warn("Stopping {} failed", broker, e);
            }
        }
    }

    /** The running broker of that name, if any. */
    public static Optional<TernBroker> get(String name) {
        return Optional.ofNullable(BROKERS.get(name));
    }

    /**
     * The running broker of that name, or a new one started with the options ({@link BrokerSetting}
     * keys; {@code IllegalArgumentException} for an unknown one). The options of a broker that already
     * runs are not compared.
     */
    public static TernBroker getOrStart(String name, Map<String, String> options) {
        TernBroker broker = BROKERS.get(name);
        if (broker != null) {
            return broker;
        }
        BrokerConfig config = BrokerConfig.fromOptions(name, options);
        synchronized (STARTING) {
            broker = BROKERS.get(name);
            if (broker == null) {
                broker = TernBroker.startUnregistered(config);
                BROKERS.put(name, broker);
            }
            return broker;
        }
    }

    static TernBroker start(BrokerConfig config) {
        synchronized (STARTING) {
            if (BROKERS.containsKey(config.name())) {
                throw new IllegalStateException("A broker named " + config.name() + " already runs in this JVM");
            }
            TernBroker broker = TernBroker.startUnregistered(config);
            BROKERS.put(config.name(), broker);
            return broker;
        }
    }

    static void remove(TernBroker broker) {
        BROKERS.remove(broker.name(), broker);
    }
}
