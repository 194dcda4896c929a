package dev.tern.client;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;

import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;
import java.io.Serializable;

/**
 * Tern's connection factory: everything it needs is its URL, e.g. {@code vm://orders} or
 * {@code tcp://broker:61616?clientID=billing&prefetch=10}. See {@link ClientOptions} for the options.
 */
public class TernConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final String url;

    public TernConnectionFactory(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return open(null, null, false);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return open(userName, password, true);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return open(null, null, false);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return open(userName, password, true);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return open(null, null, false);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return open(userName, password, true);
    }

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        checkSessionMode(sessionMode);
        try {
            return new TernJMSContext(open(userName, password, true), sessionMode);
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        checkSessionMode(sessionMode);
        try {
            return new TernJMSContext(open(null, null, false), sessionMode);
        } catch (JMSException e) {
            throw JmsExceptions.toRuntime(e);
        }
    }

    private static void checkSessionMode(int sessionMode) {
        if (sessionMode < JMSContext.SESSION_TRANSACTED || sessionMode > JMSContext.DUPS_OK_ACKNOWLEDGE) {
            throw new jakarta.jms.JMSRuntimeException("Invalid session mode: " + sessionMode);
        }
    }

    private TernConnection open(String user, String password, boolean explicitCredentials) throws JMSException {
        ClientOptions options = ClientOptions.parse(url);
        // Without explicit credentials, the URL's user/password are the default identity.
        String effectiveUser = explicitCredentials ? user : options.user();
        String effectivePassword = explicitCredentials ? password : options.password();
        return TernConnection.open(options, effectiveUser, effectivePassword);
    }

    @Override
    public Reference getReference() {
        Reference reference = new Reference(getClass().getName(), TernDestination.OBJECT_FACTORY, null);
        reference.add(new StringRefAddr("url", url));
        return reference;
    }

    @Override
    public String toString() {
        return "TernConnectionFactory[" + url + "]";
    }
}
