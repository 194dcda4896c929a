package dev.tern.jndi;

import dev.tern.client.TernConnectionFactory;
import dev.tern.client.TernQueue;
import dev.tern.client.TernTopic;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads the objects to bind from a JNDI environment (the {@code InitialContext} Hashtable merged
 * with {@code jndi.properties}):
 * <pre>
 * connectionFactory.&lt;jndiName&gt;=&lt;url&gt;     e.g. connectionFactory.jms/MyCF=tcp://localhost:61616?clientID=cts
 * queue.&lt;jndiName&gt;=&lt;queue name&gt;           e.g. queue.jms/Orders=orders.incoming
 * topic.&lt;jndiName&gt;=&lt;topic name&gt;           e.g. topic.prices.eu=prices.eu
 * </pre>
 * JNDI names are split into sub-contexts at {@code /}; dots are part of the name. When no
 * {@code connectionFactory.} entry is present at all, {@code ConnectionFactory},
 * {@code QueueConnectionFactory} and {@code TopicConnectionFactory} are bound to one factory for
 * {@code java.naming.provider.url}, or {@code vm://default} when that is not set either.
 */
final class EnvironmentBindings {

    static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    static final String QUEUE_PREFIX = "queue.";
    static final String TOPIC_PREFIX = "topic.";

    static final String DEFAULT_URL = "vm://default";
    static final List<String> DEFAULT_FACTORY_NAMES =
            List.of("ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory");

    private final NavigableMap<String, Object> bindings = new TreeMap<>();

    private boolean connectionFactoryConfigured;

    private EnvironmentBindings() {
    }

    /** The objects named in {@code environment}. */
    static Bindings read(Hashtable<?, ?> environment) throws NamingException {
        EnvironmentBindings reader = new EnvironmentBindings();
        for (Map.Entry<?, ?> entry : environment.entrySet()) {
            if (entry.getKey() instanceof String key) {
                reader.readEntry(key, entry.getValue());
            }
        }
        if (!reader.connectionFactoryConfigured) {
            reader.bindDefaultFactory(providerUrl(environment));
        }
        reader.checkNoNameIsBothObjectAndContext();
        return new Bindings(reader.bindings);
    }

    /** Binds the entry if it is one of ours; other settings are JNDI's or the application's. */
    private void readEntry(String key, Object value) throws NamingException {
        if (key.startsWith(CONNECTION_FACTORY_PREFIX)) {
            bind(key, CONNECTION_FACTORY_PREFIX, newConnectionFactory(key, requiredValue(key, value)));
            connectionFactoryConfigured = true;
        } else if (key.startsWith(QUEUE_PREFIX)) {
            bind(key, QUEUE_PREFIX, new TernQueue(requiredValue(key, value)));
        } else if (key.startsWith(TOPIC_PREFIX)) {
            bind(key, TOPIC_PREFIX, new TernTopic(requiredValue(key, value)));
        }
    }

    private void bindDefaultFactory(String url) throws NamingException {
        TernConnectionFactory factory = newConnectionFactory(Context.PROVIDER_URL, url);
        for (String name : DEFAULT_FACTORY_NAMES) {
            bindings.putIfAbsent(name, factory); // a queue or topic the user named so keeps its name
        }
    }

    private static String providerUrl(Hashtable<?, ?> environment) {
        Object url = environment.get(Context.PROVIDER_URL);
        if (url instanceof String s && !s.isBlank()) {
            return s.trim();
        }
        return DEFAULT_URL;
    }

    private void bind(String key, String prefix, Object object) throws NamingException {
        String name = JndiNames.canonical(key.substring(prefix.length()));
        if (name.isEmpty()) {
            throw new ConfigurationException(key + ": the JNDI name after '" + prefix + "' is empty");
        }
        Object previous = bindings.putIfAbsent(name, object);
        if (previous != null) {
            throw new ConfigurationException(key + ": the JNDI name " + name + " is already bound to " + previous);
        }
    }

    private static String requiredValue(String key, Object value) throws ConfigurationException {
        if (value instanceof String s && !s.isBlank()) {
            return s.trim();
        }
        throw new ConfigurationException(key + ": expected a non-empty string value, got " + value);
    }

    // The URL's options are the connection factory's to read and reject.
    private static TernConnectionFactory newConnectionFactory(String key, String url) throws ConfigurationException {
        try {
            return new TernConnectionFactory(url);
        } catch (RuntimeException e) {
            ConfigurationException failure = new ConfigurationException(key + ": invalid connection URL " + url);
            failure.setRootCause(e);
            throw failure;
        }
    }

    // "jms" bound to an object and "jms/MyCF" also bound would make "jms" both a leaf and a sub-context.
    private void checkNoNameIsBothObjectAndContext() throws ConfigurationException {
        for (String name : bindings.keySet()) {
            String child = Bindings.firstBelow(bindings, name);
            if (child != null) {
                throw new ConfigurationException(name + " is bound to an object and is also the parent of " + child);
            }
        }
    }
}
