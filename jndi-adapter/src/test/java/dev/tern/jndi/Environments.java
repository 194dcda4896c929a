package dev.tern.jndi;

import javax.naming.Context;
import javax.naming.NamingException;
import java.util.Hashtable;

/** Builds contexts straight from the factory, without the jndi.properties InitialContext would merge in. */
final class Environments {

    private Environments() {
    }

    static Hashtable<String, Object> environment(String... keysAndValues) {
        Hashtable<String, Object> environment = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            environment.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return environment;
    }

    static Context context(String... keysAndValues) throws NamingException {
        return new TernInitialContextFactory().getInitialContext(environment(keysAndValues));
    }
}
