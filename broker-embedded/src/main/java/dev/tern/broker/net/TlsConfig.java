package dev.tern.broker.net;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Objects;

/**
 * TLS on a {@link TcpAcceptor}: the broker's certificate and key, and optionally the certificates
 * trusted for client certificates.
 *
 * @param keyStore           the broker's key store (its certificate and private key)
 * @param keyStorePassword   its password (also the key's)
 * @param keyStoreType       e.g. {@code PKCS12} (the default) or {@code JKS}
 * @param trustStore         certificates trusted for clients' certificates; null: the JVM default
 *                           (used only when {@code clientAuth} is not {@code NONE})
 * @param trustStorePassword its password (may be null)
 * @param trustStoreType     its type
 * @param clientAuth         whether clients must ({@code NEED}), may ({@code WANT}) or do not
 *                           ({@code NONE}, the default) present a certificate
 */
public record TlsConfig(Path keyStore, String keyStorePassword, String keyStoreType, Path trustStore,
                        String trustStorePassword, String trustStoreType, ClientAuthMode clientAuth) {

    public static final String DEFAULT_STORE_TYPE = "PKCS12";

    /** Whether the broker asks TLS clients for a certificate. */
    public enum ClientAuthMode {
        NONE, WANT, NEED;

        /** {@code none}, {@code want} or {@code need}, any case; {@code IllegalArgumentException} otherwise. */
        public static ClientAuthMode parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("clientAuth must be none, want or need: " + value);
            }
        }
    }

    public TlsConfig {
        Objects.requireNonNull(keyStore, "keyStore");
        keyStoreType = keyStoreType == null ? DEFAULT_STORE_TYPE : keyStoreType;
        trustStoreType = trustStoreType == null ? DEFAULT_STORE_TYPE : trustStoreType;
        clientAuth = clientAuth == null ? ClientAuthMode.NONE : clientAuth;
    }

    /** A server certificate from {@code keyStore}, no client certificates. */
    public static TlsConfig of(Path keyStore, String keyStorePassword) {
        return new TlsConfig(keyStore, keyStorePassword, null, null, null, null, null);
    }

    /** The same, asking clients for certificates checked against {@code trustStore}. */
    public TlsConfig withClientAuth(ClientAuthMode mode, Path trustStore, String trustStorePassword) {
        return new TlsConfig(keyStore, keyStorePassword, keyStoreType, trustStore, trustStorePassword, trustStoreType,
                mode);
    }

    /**
     * The JDK-provider server context. {@code IllegalArgumentException} naming the store when one
     * cannot be read (missing file, wrong password, wrong type), so a broker never starts half set up.
     */
    SslContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load("keyStore", keyStore, keyStoreType, keyStorePassword), chars(keyStorePassword));
            SslContextBuilder builder = SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK);
            if (clientAuth != ClientAuthMode.NONE) {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore == null ? null
                        : load("trustStore", trustStore, trustStoreType, trustStorePassword));
                builder.trustManager(trust)
                        .clientAuth(clientAuth == ClientAuthMode.NEED ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String what, Path path, String type, String password)
            throws IOException, GeneralSecurityException {
        if (!Files.isReadable(path)) {
            throw new IOException(what + " " + path.toAbsolutePath() + " does not exist or cannot be read");
        }
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, chars(password));
        } catch (IOException e) { // a wrong password shows as an IOException of the key store
            throw new IOException(what + " " + path.toAbsolutePath() + " (" + type + "): " + e.getMessage(), e);
        }
        return store;
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    @Override
    public String toString() { // never the passwords
        return "TlsConfig[keyStore=" + keyStore + " (" + keyStoreType + "), clientAuth=" + clientAuth
                + (trustStore != null ? ", trustStore=" + trustStore : "") + "]";
    }
}
