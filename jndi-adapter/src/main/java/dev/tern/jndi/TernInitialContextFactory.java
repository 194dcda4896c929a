package dev.tern.jndi;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import java.util.Hashtable;

/**
 * Creates Tern's read-only JNDI context from the environment, as ActiveMQ Artemis and Qpid JMS do.
 * Select it with {@code java.naming.factory.initial=dev.tern.jndi.TernInitialContextFactory} and
 * bind objects with {@code connectionFactory.<jndiName>=<url>}, {@code queue.<jndiName>=<name>}
 * and {@code topic.<jndiName>=<name>} (see {@link EnvironmentBindings} for the details). A
 * malformed entry fails here with a {@link javax.naming.ConfigurationException}.
 */
public class TernInitialContextFactory implements InitialContextFactory {

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<?, ?> env = environment == null ? new Hashtable<>() : environment;
        return new ReadOnlyContext(EnvironmentBindings.read(env), "", env);
    }
}
