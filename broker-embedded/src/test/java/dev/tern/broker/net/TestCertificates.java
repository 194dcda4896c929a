package dev.tern.broker.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made by the JDK's {@code keytool} at test time, in a directory (PKCS12,
 * every password {@link #PASSWORD}):
 * <ul>
 *   <li>{@link #broker()}: the broker's key store, valid for {@code localhost} and {@code 127.0.0.1};</li>
 *   <li>{@link #wrongHost()}: a broker key store valid only for {@code elsewhere.invalid};</li>
 *   <li>{@link #client()}: a client's key store (for client authentication);</li>
 *   <li>{@link #clientTrust()}: what clients trust: the two broker certificates;</li>
 *   <li>{@link #brokerTrust()}: what the broker trusts for clients: the client certificate (and, for
 *       a client, a trust store that does not hold the broker's certificate).</li>
 * </ul>
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";
    private static TestCertificates shared;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * One set for the whole test JVM (keytool is slow to start on a busy machine), in a temporary
     * directory removed at exit.
     */
    public static synchronized TestCertificates shared() throws IOException, InterruptedException {
        if (shared == null) {
            Path dir = Files.createTempDirectory("tern-certs");
            shared = create(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // best effort
                }
                dir.toFile().delete();
            }));
        }
        return shared;
    }

    /** Makes the stores in {@code dir} (nine keytool runs, a few seconds). */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        TestCertificates certificates = new TestCertificates(dir);
        certificates.keyPair("broker", "CN=localhost", "san=dns:localhost,ip:127.0.0.1");
        certificates.keyPair("wronghost", "CN=elsewhere.invalid", "san=dns:elsewhere.invalid");
        certificates.keyPair("client", "CN=tern-client", null);
        certificates.trust("client-trust", "broker");
        certificates.trust("client-trust", "wronghost");
        certificates.trust("broker-trust", "client");
        return certificates;
    }

    public Path broker() {
        return dir.resolve("broker.p12");
    }

    public Path wrongHost() {
        return dir.resolve("wronghost.p12");
    }

    public Path client() {
        return dir.resolve("client.p12");
    }

    public Path clientTrust() {
        return dir.resolve("client-trust.p12");
    }

    public Path brokerTrust() {
        return dir.resolve("broker-trust.p12");
    }

    /** URL options that make a client trust the broker's certificate. */
    public String trustOptions() {
        return "trustStore=" + clientTrust() + "&trustStorePassword=" + PASSWORD;
    }

    private void keyPair(String alias, String dname, String extension) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", "7", "-keystore", dir.resolve(alias + ".p12").toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (extension != null) {
            args.add("-ext");
            args.add(extension);
        }
        keytool(args);
        keytool(List.of("-exportcert", "-rfc", "-alias", alias, "-keystore", dir.resolve(alias + ".p12").toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-file", dir.resolve(alias + ".cer").toString()));
    }

    private void trust(String store, String alias) throws IOException, InterruptedException {
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", dir.resolve(alias + ".cer").toString(),
                "-keystore", dir.resolve(store + ".p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC")); // starts faster
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args.get(0) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
