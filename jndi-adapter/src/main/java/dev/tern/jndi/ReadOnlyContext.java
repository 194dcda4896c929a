package dev.tern.jndi;

import dev.tern.client.TernQueue;
import dev.tern.client.TernTopic;

import javax.naming.Binding;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

/**
 * Tern's JNDI context: a read-only view of {@link Bindings} at one sub-context ({@code ""} for the
 * root). Names are resolved against the whole tree, so {@code lookup("jms/MyCF")} on the root and
 * {@code lookup("MyCF")} on the {@code jms} sub-context find the same object. Besides what is
 * bound, {@code dynamicQueues/<name>} and {@code dynamicTopics/<name>} (from the root) name a queue
 * or topic without configuration. Changing bindings throws {@link OperationNotSupportedException}:
 * they come from the environment the initial context was created with.
 */
final class ReadOnlyContext implements Context {

    static final String DYNAMIC_QUEUES = "dynamicQueues";
    static final String DYNAMIC_TOPICS = "dynamicTopics";

    private final Bindings bindings;
    private final String path;
    private final Hashtable<Object, Object> environment;

    ReadOnlyContext(Bindings bindings, String path, Hashtable<?, ?> environment) {
        this.bindings = bindings;
        this.path = path;
        this.environment = new Hashtable<>(environment);
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(JndiNames.canonical(name), name.toString());
    }

    @Override
    public Object lookup(String name) throws NamingException {
        return lookup(JndiNames.canonical(name), name);
    }

    private Object lookup(String relative, String asGiven) throws NamingException {
        String full = JndiNames.join(path, relative);
        if (relative.isEmpty()) {
            return subContext(full);
        }
        Object object = bindings.object(full);
        if (object != null) {
            return object;
        }
        if (bindings.hasObjectsBelow(full) || isDynamicContext(full)) {
            return subContext(full);
        }
        Object dynamic = dynamicDestination(full);
        if (dynamic != null) {
            return dynamic;
        }
        throw new NameNotFoundException(asGiven + " is not bound in Tern's JNDI context; bind it with "
                + "connectionFactory.<name>=<url>, queue.<name>=<queue> or topic.<name>=<topic>");
    }

    private static Object dynamicDestination(String full) {
        String queue = below(DYNAMIC_QUEUES, full);
        if (queue != null) {
            return new TernQueue(queue);
        }
        String topic = below(DYNAMIC_TOPICS, full);
        return topic == null ? null : new TernTopic(topic);
    }

    /** What follows {@code context/} in {@code full}, or null. */
    private static String below(String context, String full) {
        String prefix = context + JndiNames.SEPARATOR;
        return full.startsWith(prefix) ? full.substring(prefix.length()) : null;
    }

    private static boolean isDynamicContext(String full) {
        return full.equals(DYNAMIC_QUEUES) || full.equals(DYNAMIC_TOPICS);
    }

    private ReadOnlyContext subContext(String full) {
        return new ReadOnlyContext(bindings, full, environment);
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(JndiNames.canonical(name), name.toString());
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        return list(JndiNames.canonical(name), name);
    }

    private NamingEnumeration<NameClassPair> list(String relative, String asGiven) throws NamingException {
        ReadOnlyContext context = contextAt(relative, asGiven);
        List<NameClassPair> pairs = new ArrayList<>();
        for (Map.Entry<String, Object> child : context.children().entrySet()) {
            Object object = child.getValue();
            String className = (object == null ? ReadOnlyContext.class : object.getClass()).getName();
            pairs.add(new NameClassPair(child.getKey(), className, true));
        }
        return new ListEnumeration<>(pairs);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(JndiNames.canonical(name), name.toString());
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        return listBindings(JndiNames.canonical(name), name);
    }

    private NamingEnumeration<Binding> listBindings(String relative, String asGiven) throws NamingException {
        ReadOnlyContext context = contextAt(relative, asGiven);
        List<Binding> result = new ArrayList<>();
        for (Map.Entry<String, Object> child : context.children().entrySet()) {
            Object object = child.getValue();
            if (object == null) {
                object = context.subContext(JndiNames.join(context.path, child.getKey()));
            }
            result.add(new Binding(child.getKey(), object, true));
        }
        return new ListEnumeration<>(result);
    }

    private Map<String, Object> children() {
        return bindings.children(path);
    }

    private ReadOnlyContext contextAt(String relative, String asGiven) throws NamingException {
        Object target = lookup(relative, asGiven);
        if (target instanceof ReadOnlyContext context) {
            return context;
        }
        throw new NotContextException(asGiven + " is bound to " + target + ", not to a context");
    }

    @Override
    public NameParser getNameParser(Name name) {
        return JndiNames.PARSER;
    }

    @Override
    public NameParser getNameParser(String name) {
        return JndiNames.PARSER;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        return JndiNames.PARSER.parse(JndiNames.join(JndiNames.canonical(prefix), JndiNames.canonical(name)));
    }

    @Override
    public String composeName(String name, String prefix) throws InvalidNameException {
        return JndiNames.join(JndiNames.canonical(prefix), JndiNames.canonical(name));
    }

    @Override
    public String getNameInNamespace() {
        return path;
    }

    /** A copy: changing it does not change this context. */
    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    /** Changes this context's environment only; bindings stay as they were read at creation. */
    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    /** Nothing to release: connection factories open connections only when asked to. */
    @Override
    public void close() {
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly("bind", String.valueOf(name));
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly("bind", name);
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly("rebind", String.valueOf(name));
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly("rebind", name);
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly("unbind", String.valueOf(name));
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly("unbind", name);
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly("rename", String.valueOf(oldName));
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly("rename", oldName);
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly("destroySubcontext", String.valueOf(name));
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly("destroySubcontext", name);
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly("createSubcontext", String.valueOf(name));
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly("createSubcontext", name);
    }

    private static OperationNotSupportedException readOnly(String operation, String name) {
        return new OperationNotSupportedException(operation + "(" + name + "): Tern's JNDI context is read-only; "
                + "configure bindings in jndi.properties or the InitialContext environment");
    }

    @Override
    public String toString() {
        return "Tern JNDI context " + (path.isEmpty() ? "(root)" : path);
    }
}
