package dev.tern.tck;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the TCK against the standalone broker: when the system property {@code tern.tck.brokerJar} is
 * set (profile {@code tck-tcp}), starts {@code java -jar tern-broker.jar} as its own process before
 * the first TCK test, waits until it accepts connections, and stops it with SIGTERM when the test
 * session ends. Without the property (the embedded run) it does nothing.
 */
public final class StandaloneBrokerSession implements LauncherSessionListener {

    private static final long START_TIMEOUT_MILLIS = 60_000;

    private Process broker;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String jar = System.getProperty("tern.tck.brokerJar");
        if (jar == null || jar.isBlank()) {
            return;
        }
        int port = Integer.parseInt(System.getProperty("tern.tck.port"));
        Path dataDir = Path.of(System.getProperty("tern.tck.dataDir"));
        Path config = Path.of(System.getProperty("tern.tck.config"));
        Path log = dataDir.resolveSibling("tck-broker.log");
        try {
            Files.createDirectories(dataDir);
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-jar", jar, "--config", config.toString(), "--data", dataDir.toString(),
                    "--port", Integer.toString(port), "--host", "127.0.0.1");
            broker = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitListening(port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the standalone broker: " + e.getMessage(), e);
        }
    }

    private void awaitListening(int port, Path log) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("the standalone broker exited with " + broker.exitValue()
                        + " before listening; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        broker.destroyForcibly();
        throw new IllegalStateException("the standalone broker did not listen on port " + port + " within "
                + START_TIMEOUT_MILLIS + " ms; see " + log);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (broker == null) {
            return;
        }
        broker.destroy(); // SIGTERM: the broker stops cleanly
        try {
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }
}
