package dev.tern.transport.tcp;

import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConnectionListener;
import dev.tern.transport.TransportFactory;
import jakarta.jms.JMSException;

import java.net.URI;
import java.util.Map;

/**
 * The {@code ssl} transport: {@code ssl://host[:port][?options]} is {@code tcp://...?tls=true}, the
 * Tern protocol inside TLS. See {@link TlsOptions} for the trust and key store options.
 */
public final class SslTransportFactory implements TransportFactory {

    private final TcpTransportFactory tcp = new TcpTransportFactory(true);

    @Override
    public String scheme() {
        return tcp.scheme();
    }

    @Override
    public BrokerConnection connect(URI uri, Map<String, String> options, ConnectionListener listener)
            throws JMSException {
        return tcp.connect(uri, options, listener);
    }
}
