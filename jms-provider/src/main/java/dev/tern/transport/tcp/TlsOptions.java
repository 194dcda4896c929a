package dev.tern.transport.tcp;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.buffer.ByteBufAllocator;
import jakarta.jms.JMSException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;

/**
 * The TLS options of the TCP transport ({@code ssl://host:port?...} or {@code tcp://...?tls=true}).
 * Without {@code trustStore} the JVM's default trust applies ({@code javax.net.ssl.trustStore}, else
 * the JDK's CA certificates); {@code keyStore} is only needed when the broker asks for client
 * certificates.
 *
 * @param trustStore         the certificates trusted for the broker (null: the JVM default)
 * @param trustStorePassword its password (may be null)
 * @param trustStoreType     its type, default {@code PKCS12}
 * @param keyStore           this client's certificate and key (null: none)
 * @param keyStorePassword   its password (also the key's)
 * @param keyStoreType       its type, default {@code PKCS12}
 * @param verifyHost         the broker's certificate must name the host of the URL (HTTPS endpoint
 *                           identification); default true
 */
public record TlsOptions(String trustStore, String trustStorePassword, String trustStoreType, String keyStore,
                         String keyStorePassword, String keyStoreType, boolean verifyHost) {

    public static final String TLS = "tls";
    public static final String TRUST_STORE = "trustStore";
    public static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    public static final String TRUST_STORE_TYPE = "trustStoreType";
    public static final String KEY_STORE = "keyStore";
    public static final String KEY_STORE_PASSWORD = "keyStorePassword";
    public static final String KEY_STORE_TYPE = "keyStoreType";
    public static final String VERIFY_HOST = "verifyHost";
    static final String DEFAULT_STORE_TYPE = "PKCS12";

    /** The TLS options of a URL, or null when the connection is plain TCP ({@code tls} absent or false). */
    public static TlsOptions parse(Map<String, String> options, boolean forced) throws JMSException {
        boolean enabled = forced || bool(options, TLS, false);
        if (!enabled) {
            return null;
        }
        return new TlsOptions(options.get(TRUST_STORE), options.get(TRUST_STORE_PASSWORD),
                options.getOrDefault(TRUST_STORE_TYPE, DEFAULT_STORE_TYPE), options.get(KEY_STORE),
                options.get(KEY_STORE_PASSWORD), options.getOrDefault(KEY_STORE_TYPE, DEFAULT_STORE_TYPE),
                bool(options, VERIFY_HOST, true));
    }

    private static boolean bool(Map<String, String> options, String key, boolean defaultValue) throws JMSException {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new JMSException("Option " + key + " must be true or false, got " + value);
        };
    }

    /** The JDK-provider client context; a store that cannot be read is a {@code JMSException} naming it. */
    SslContext context() throws JMSException {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .endpointIdentificationAlgorithm(verifyHost ? "HTTPS" : null);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore == null ? null : load(TRUST_STORE, trustStore, trustStoreType, trustStorePassword));
            builder.trustManager(trust);
            if (keyStore != null) {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(KEY_STORE, keyStore, keyStoreType, keyStorePassword), chars(keyStorePassword));
                builder.keyManager(keys);
            }
            return builder.build();
        } catch (GeneralSecurityException | IOException e) {
            JMSException bad = new JMSException("Cannot set up TLS: " + e.getMessage());
            bad.initCause(e);
            throw bad;
        }
    }

    /** The handler that encrypts one channel to {@code host}, checking the certificate names it if asked. */
    SslHandler handler(SslContext context, ByteBufAllocator alloc, String host, int port, int handshakeMillis) {
        SslHandler handler = context.newHandler(alloc, host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        // explicit both ways: Netty 4.2's client contexts verify the host unless told not to
        parameters.setEndpointIdentificationAlgorithm(verifyHost ? "HTTPS" : null);
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(handshakeMillis);
        return handler;
    }

    static KeyStore load(String option, String path, String type, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new IOException(option + " " + path + " cannot be read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, chars(password));
        } catch (IOException e) {
            throw new IOException(option + " " + path + ": " + e.getMessage(), e);
        }
        return store;
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    @Override
    public String toString() { // never the passwords
        return "TlsOptions[trustStore=" + (trustStore == null ? "(JVM default)" : trustStore) + ", keyStore="
                + (keyStore == null ? "(none)" : keyStore) + ", verifyHost=" + verifyHost + "]";
    }
}
