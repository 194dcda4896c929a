package dev.tern.broker;

import dev.tern.broker.store.SyncPolicy;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.TransportFactory;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigAndVmTransportTest extends BrokerTestSupport {

    @TempDir
    Path dataDir;

    @Test
    void defaults() {
        BrokerConfig config = BrokerConfig.defaults("orders");
        assertEquals(Path.of("tern-data", "orders"), config.dataDirectory());
        assertTrue(config.persistent());
        assertEquals(SyncPolicy.MEMORY_MAPPED, config.syncPolicy());
    }

    @Test
    void optionsAreParsedAndUnknownOnesRejectedByName() {
        BrokerConfig config = BrokerConfig.fromOptions("b", Map.of("dataDir", "/tmp/x", "persistent", "false",
                "sync", "fsync"));
        assertEquals(Path.of("/tmp/x"), config.dataDirectory());
        assertFalse(config.persistent());
        assertEquals(SyncPolicy.FSYNC, config.syncPolicy());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BrokerConfig.fromOptions("b", Map.of("dataDirectory", "x")));
        assertTrue(unknown.getMessage().contains("'dataDirectory'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BrokerConfig.fromOptions("b", Map.of("sync", "never")));
        assertThrows(IllegalArgumentException.class, () -> BrokerConfig.fromOptions("b", Map.of("persistent", "yes")));
    }

    @Test
    void vmTransportIsFoundAndStartsTheBrokerOnFirstUse() throws Exception {
        TransportFactory vm = ServiceLoader.load(TransportFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.scheme().equals("vm")).findFirst().orElseThrow();
        String name = uniqueName();
        BrokerConnection connection = vm.connect(URI.create("vm://" + name + "?dataDir=" + dataDir),
                Map.of("dataDir", dataDir.toString(), "clientID", "for-the-client", "prefetch", "7"), null);
        TernBroker broker = BrokerRegistry.get(name).orElseThrow();
        try {
            assertEquals(dataDir, broker.dataDirectory());
            BrokerConnection second = vm.connect(URI.create("vm://" + name + "?create=false"),
                    Map.of("create", "false"), null);
            second.close();
            connection.close();
        } finally {
            broker.stop();
        }
        assertNoThreadsOf(name);
        JMSException none = assertThrows(JMSException.class, () -> vm.connect(
                URI.create("vm://" + name + "?create=false"), Map.of("create", "false"), null));
        assertTrue(none.getMessage().contains(name), none.getMessage());
    }

    @Test
    void registryStartsOneBrokerPerName() {
        String name = uniqueName();
        TernBroker broker = start(BrokerConfig.builder(name).persistent(false).build());
        assertSame(broker, BrokerRegistry.getOrStart(name, Map.of()));
        assertThrows(IllegalStateException.class,
                () -> TernBroker.start(BrokerConfig.builder(name).persistent(false).build()));
    }
}
