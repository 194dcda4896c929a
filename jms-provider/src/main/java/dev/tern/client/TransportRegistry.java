package dev.tern.client;

import dev.tern.transport.TransportFactory;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link TransportFactory} for a URL scheme among those on the class path. */
final class TransportRegistry {

    private TransportRegistry() {
    }

    static TransportFactory forScheme(String scheme) throws JMSException {
        List<String> known = new ArrayList<>();
        for (ClassLoader loader : loaders()) {
            for (TransportFactory factory : ServiceLoader.load(TransportFactory.class, loader)) {
                if (factory.scheme().equalsIgnoreCase(scheme)) {
                    return factory;
                }
                known.add(factory.scheme());
            }
        }
        String hint = "vm".equalsIgnoreCase(scheme)
                ? " (the vm transport comes with dev.tern:broker-embedded on the class path)" : "";
        throw new JMSException("No Tern transport for scheme '" + scheme + "'" + hint + "; available: " + known);
    }

    private static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>(2);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        ClassLoader own = TransportRegistry.class.getClassLoader();
        if (own != context) {
            loaders.add(own);
        }
        return loaders;
    }
}
