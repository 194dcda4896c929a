package dev.tern.transport;

import jakarta.jms.JMSException;

import java.net.URI;
import java.util.Map;

/**
 * Opens links to a broker for one URL scheme ({@code vm}, {@code tcp}). Implementations are found
 * with {@link java.util.ServiceLoader}, so the client never depends on the broker: {@code vm} comes
 * with {@code broker-embedded} on the class path.
 */
public interface TransportFactory {

    /** The URL scheme this factory serves, e.g. {@code "vm"}. */
    String scheme();

    /**
     * Opens one link for one JMS connection.
     *
     * @param uri      the broker URL, e.g. {@code vm://orders}
     * @param options  the URL's query options (already decoded); unknown ones are the factory's to
     *                 reject or ignore. {@code user} and {@code password} are the connection's
     *                 credentials (absent when none), for the broker to authenticate
     * @param listener told if the link fails later
     */
    BrokerConnection connect(URI uri, Map<String, String> options, ConnectionListener listener)
            throws JMSException;
}
