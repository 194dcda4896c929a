package dev.tern.broker.vm;

import dev.tern.broker.BrokerRegistry;
import dev.tern.broker.BrokerSetting;
import dev.tern.broker.TernBroker;
import dev.tern.client.ClientOptions;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConnectionListener;
import dev.tern.transport.TransportFactory;
import jakarta.jms.JMSException;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code vm} transport: {@code vm://<name>} connects by direct calls to the broker of that name
 * in this JVM, starting it with the URL's broker options on first use unless {@code create=false}.
 * Options that are not broker options (the client's, such as {@code clientID}) are left to the client.
 */
public final class VmTransportFactory implements TransportFactory {

    /** {@code create=false}: connect only to a broker that already runs. */
    public static final String CREATE = "create";

    @Override
    public String scheme() {
        return "vm";
    }

    @Override
    public BrokerConnection connect(URI uri, Map<String, String> options, ConnectionListener listener)
            throws JMSException {
        String name = brokerName(uri);
        TernBroker broker;
        if ("false".equalsIgnoreCase(options.getOrDefault(CREATE, "true").trim())) {
            broker = BrokerRegistry.get(name).orElseThrow(() -> new JMSException(
                    "No broker named " + name + " runs in this JVM (and " + uri + " says create=false)"));
        } else {
            broker = startOrGet(name, brokerOptions(options));
        }
        return broker.connect(options.get(ClientOptions.USER), options.get(ClientOptions.PASSWORD), listener);
    }

    private static TernBroker startOrGet(String name, Map<String, String> options) throws JMSException {
        try {
            return BrokerRegistry.getOrStart(name, options);
        } catch (RuntimeException e) {
            JMSException failure = new JMSException("Cannot start broker " + name + ": " + e.getMessage());
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
    }

    /** The broker's name: the URL's authority ({@code vm://orders}) or, failing that, its path. */
    static String brokerName(URI uri) throws JMSException {
        String name = uri.getAuthority();
        if (name == null || name.isEmpty()) {
            String part = uri.getSchemeSpecificPart();
            name = part == null ? "" : part.replaceFirst("^//", "").replaceFirst("[?/].*$", "");
        }
        if (name.isEmpty()) {
            throw new JMSException("No broker name in " + uri + " (expected vm://<name>)");
        }
        return name;
    }

    private static Map<String, String> brokerOptions(Map<String, String> options) {
        Map<String, String> broker = new HashMap<>();
        options.forEach((key, value) -> {
            if (BrokerSetting.forKey(key) != null) {
                broker.put(key, value);
            }
        });
        return broker;
    }
}
