package dev.tern.broker.server;

import dev.tern.broker.store.SyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void readsEverySetting() throws Exception {
        Path file = dir.resolve("tern.properties");
        Files.writeString(file, """
                name=orders
                dataDir=/var/lib/tern/orders
                sync=fsync
                dispatchThreads=3
                host=127.0.0.1
                port=7000
                user.alice=secret
                queues=a, b ,c
                topics=prices
                """);
        ServerConfig config = ServerConfigFile.load(file, Map.of());
        assertEquals("orders", config.broker().name());
        assertEquals(Path.of("/var/lib/tern/orders"), config.broker().dataDirectory());
        assertEquals(SyncPolicy.FSYNC, config.broker().syncPolicy());
        assertEquals(3, config.broker().dispatchThreads());
        assertEquals("127.0.0.1", config.host());
        assertEquals(7000, config.port());
        assertEquals(List.of("a", "b", "c"), config.queues());
        assertEquals(List.of("prices"), config.topics());
        assertFalse(config.broker().users().acceptsAll());
    }

    @Test
    void commandLineOverridesTheFile() throws Exception {
        Path file = dir.resolve("tern.properties");
        Files.writeString(file, "port=7000\ndataDir=/from/file\n");
        ServerConfig config = ServerConfigFile.load(file, Map.of("port", "7001", "dataDir", "/from/flag"));
        assertEquals(7001, config.port());
        assertEquals(Path.of("/from/flag"), config.broker().dataDirectory());
    }

    @Test
    void defaultsWithoutAFile() {
        ServerConfig config = ServerConfigFile.parse(Map.of());
        assertEquals(ServerConfig.DEFAULT_PORT, config.port());
        assertEquals("default", config.broker().name());
        assertTrue(config.broker().users().acceptsAll());
    }

    @Test
    void diskReserveTakesSizes() {
        assertEquals(64L << 20, ServerConfigFile.parse(Map.of()).broker().minFreeDiskBytes());
        assertEquals(1L << 30, ServerConfigFile.parse(Map.of("minFreeDisk", "1g")).broker().minFreeDiskBytes());
        assertEquals(512L << 10, ServerConfigFile.parse(Map.of("minFreeDisk", "512k")).broker().minFreeDiskBytes());
        assertEquals(0, ServerConfigFile.parse(Map.of("minFreeDisk", "0")).broker().minFreeDiskBytes());
        assertThrows(IllegalArgumentException.class, () -> ServerConfigFile.parse(Map.of("minFreeDisk", "lots")));
        assertThrows(IllegalArgumentException.class, () -> ServerConfigFile.parse(Map.of("minFreeDisk", "-1m")));
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> ServerConfigFile.parse(Map.of("prot", "1")));
        assertTrue(typo.getMessage().contains("prot"), typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerConfigFile.parse(Map.of("port", "x")));
        assertThrows(IllegalArgumentException.class, () -> ServerConfigFile.parse(Map.of("port", "70000")));
        assertThrows(IllegalArgumentException.class, () -> ServerConfigFile.parse(Map.of("sync", "sometimes")));
        // users are user.<name> entries in a file; the URL form would be silently overridden by them
        assertThrows(IllegalArgumentException.class, () -> ServerConfigFile.parse(Map.of("users", "a:b")));
    }

    @Test
    void tlsSettings() {
        assertEquals(null, ServerConfigFile.parse(Map.of()).tls());
        ServerConfig config = ServerConfigFile.parse(Map.of("tls.keyStore", "/etc/tern/broker.p12",
                "tls.keyStorePassword", "pw", "tls.trustStore", "/etc/tern/clients.p12", "tls.clientAuth", "need"));
        assertEquals(Path.of("/etc/tern/broker.p12"), config.tls().keyStore());
        assertEquals("pw", config.tls().keyStorePassword());
        assertEquals("PKCS12", config.tls().keyStoreType());
        assertEquals(Path.of("/etc/tern/clients.p12"), config.tls().trustStore());
        assertEquals(dev.tern.broker.net.TlsConfig.ClientAuthMode.NEED, config.tls().clientAuth());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> ServerConfigFile.parse(Map.of("tls.keystore", "x")));
        assertTrue(typo.getMessage().contains("tls.keystore"), typo.getMessage());
        IllegalArgumentException noKeyStore = assertThrows(IllegalArgumentException.class,
                () -> ServerConfigFile.parse(Map.of("tls.clientAuth", "need")));
        assertTrue(noKeyStore.getMessage().contains("tls.keyStore"), noKeyStore.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerConfigFile.parse(Map.of("tls.keyStore", "k",
                "tls.clientAuth", "sometimes")));
    }
}
