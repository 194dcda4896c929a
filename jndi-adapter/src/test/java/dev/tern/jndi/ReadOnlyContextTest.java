package dev.tern.jndi;

import dev.tern.client.TernConnectionFactory;
import dev.tern.client.TernQueue;
import dev.tern.client.TernTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tern.jndi.Environments.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadOnlyContextTest {

    private Context context;

    @BeforeEach
    void createContext() throws Exception {
        context = context(
                "connectionFactory.jms/MyCF", "vm://default",
                "queue.jms/queue/Orders", "orders",
                "topic.jms/topic/Prices", "prices",
                "queue.top.level", "top");
    }

    @Test
    void unknownNamesAreNotFound() {
        NameNotFoundException e = assertThrows(NameNotFoundException.class, () -> context.lookup("jms/Nope"));
        assertTrue(e.getMessage().contains("jms/Nope"), e.getMessage());
        assertThrows(NameNotFoundException.class, () -> context.lookup("top"));
        assertThrows(NameNotFoundException.class, () -> context.lookup(new CompositeName("nothing/here")));
    }

    @Test
    void dynamicQueuesAndTopicsNeedNoConfiguration() throws Exception {
        assertEquals(new TernQueue("work.items"), context.lookup("dynamicQueues/work.items"));
        assertEquals(new TernTopic("news/sport"), context.lookup("dynamicTopics/news/sport"));
        assertEquals(new TernQueue("q"), context.lookup(new CompositeName("dynamicQueues/q")));
    }

    @Test
    void dynamicQueuesCanBeReachedThroughTheirSubContext() throws Exception {
        Context queues = assertInstanceOf(Context.class, context.lookup("dynamicQueues"));

        assertEquals(new TernQueue("a"), queues.lookup("a"));
        assertFalse(queues.list("").hasMore());
    }

    @Test
    void dynamicNamesAreOnlyKnownAtTheRoot() throws Exception {
        Context jms = (Context) context.lookup("jms");

        assertThrows(NameNotFoundException.class, () -> jms.lookup("dynamicQueues/a"));
    }

    @Test
    void looksUpByName() throws Exception {
        assertEquals(new TernQueue("orders"), context.lookup(new CompositeName("jms/queue/Orders")));
        assertEquals(new TernQueue("top"), context.lookup(new CompositeName("top.level")));
        Name parsed = context.getNameParser("").parse("jms/topic/Prices");
        assertEquals(3, parsed.size());
        assertEquals(new TernTopic("prices"), context.lookup(parsed));
        assertEquals(new TernTopic("prices"), context.lookupLink(parsed));
    }

    @Test
    void theEmptyNameIsANewInstanceOfThisContext() throws Exception {
        Context self = assertInstanceOf(Context.class, context.lookup(""));
        assertNotSame(context, self);
        assertEquals(new TernQueue("top"), self.lookup("top.level"));
        assertInstanceOf(Context.class, context.lookup(new CompositeName()));
    }

    @Test
    void prefixesAreSubContexts() throws Exception {
        Context jms = assertInstanceOf(Context.class, context.lookup("jms"));
        assertEquals("jms", jms.getNameInNamespace());
        assertEquals("", context.getNameInNamespace());

        Context queues = (Context) jms.lookup("queue");
        assertEquals(new TernQueue("orders"), queues.lookup("Orders"));
        assertSame(context.lookup("jms/MyCF"), jms.lookup("MyCF"));
        assertEquals(new TernTopic("prices"), jms.lookup(new CompositeName("topic/Prices")));
        assertThrows(NameNotFoundException.class, () -> queues.lookup("Prices"));
    }

    @Test
    void listsTheDirectChildrenInNameOrder() throws Exception {
        assertEquals(Map.of("jms", ReadOnlyContext.class.getName(), "top.level", TernQueue.class.getName()),
                classNames(context.list("")));
        assertEquals(List.of("MyCF", "queue", "topic"), new ArrayList<>(classNames(context.list("jms")).keySet()));
        assertEquals(Map.of("MyCF", TernConnectionFactory.class.getName(),
                        "queue", ReadOnlyContext.class.getName(),
                        "topic", ReadOnlyContext.class.getName()),
                classNames(context.list(new CompositeName("jms"))));
        Context jms = (Context) context.lookup("jms");
        assertEquals(Map.of("Orders", TernQueue.class.getName()), classNames(jms.list("queue")));
    }

    @Test
    void listsBindingsWithTheirObjects() throws Exception {
        Map<String, Object> root = objects(context.listBindings(""));
        assertEquals(List.of("jms", "top.level"), new ArrayList<>(root.keySet()));
        assertEquals(new TernQueue("top"), root.get("top.level"));
        Context jms = assertInstanceOf(Context.class, root.get("jms"));
        assertEquals("jms", jms.getNameInNamespace());

        Map<String, Object> topics = objects(context.listBindings(new CompositeName("jms/topic")));
        assertEquals(Map.of("Prices", new TernTopic("prices")), topics);
    }

    @Test
    void listingAnObjectOrAnUnknownNameFails() {
        assertThrows(NotContextException.class, () -> context.list("top.level"));
        assertThrows(NotContextException.class, () -> context.listBindings("jms/MyCF"));
        assertThrows(NameNotFoundException.class, () -> context.list("missing"));
    }

    @Test
    void changingBindingsIsNotSupported() throws Exception {
        Name name = new CompositeName("jms/New");
        Object queue = new TernQueue("x");
        List<Executable> changes = List.of(
                () -> context.bind("jms/New", queue), () -> context.bind(name, queue),
                () -> context.rebind("top.level", queue), () -> context.rebind(name, queue),
                () -> context.unbind("top.level"), () -> context.unbind(name),
                () -> context.rename("top.level", "other"), () -> context.rename(name, new CompositeName("o")),
                () -> context.createSubcontext("sub"), () -> context.createSubcontext(name),
                () -> context.destroySubcontext("jms"), () -> context.destroySubcontext(name));
        for (Executable change : changes) {
            OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class, change);
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
        assertEquals(new TernQueue("top"), context.lookup("top.level"));
    }

    @Test
    void composesAndParsesSlashSeparatedNames() throws Exception {
        assertEquals("jms/queue/Orders", context.composeName("queue/Orders", "jms"));
        assertEquals("Orders", context.composeName("Orders", ""));
        Name composed = context.composeName(new CompositeName("Orders"), new CompositeName("jms/queue"));
        assertEquals(3, composed.size());
        assertEquals("jms/queue/Orders", composed.toString());
        Name parsed = context.getNameParser("jms").parse("a.b/c");
        assertEquals(List.of("a.b", "c"), List.of(parsed.get(0), parsed.get(1)));
    }

    @Test
    void environmentIsACopyThatCanBeChangedPerContext() throws Exception {
        assertEquals("vm://default", context.getEnvironment().get("connectionFactory.jms/MyCF"));
        @SuppressWarnings("unchecked")
        Hashtable<Object, Object> copy = (Hashtable<Object, Object>) context.getEnvironment();
        copy.put("queue.sneaky", "s");
        assertFalse(context.getEnvironment().containsKey("queue.sneaky"));
        assertThrows(NameNotFoundException.class, () -> context.lookup("sneaky"));

        assertEquals(null, context.addToEnvironment("custom", "1"));
        assertEquals("1", context.getEnvironment().get("custom"));
        Context jms = (Context) context.lookup("jms");
        assertEquals("1", jms.getEnvironment().get("custom"));
        assertEquals("1", context.removeFromEnvironment("custom"));
        assertFalse(context.getEnvironment().containsKey("custom"));
        assertEquals("1", jms.getEnvironment().get("custom"));
    }

    @Test
    void closeReleasesNothingTheObjectsNeed() throws Exception {
        Object factory = context.lookup("jms/MyCF");
        context.close();
        assertInstanceOf(TernConnectionFactory.class, factory);
    }

    private static Map<String, String> classNames(NamingEnumeration<NameClassPair> pairs) throws Exception {
        Map<String, String> result = new LinkedHashMap<>();
        while (pairs.hasMore()) {
            NameClassPair pair = pairs.next();
            assertTrue(pair.isRelative());
            result.put(pair.getName(), pair.getClassName());
        }
        return result;
    }

    private static Map<String, Object> objects(NamingEnumeration<Binding> bindings) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        while (bindings.hasMore()) {
            Binding binding = bindings.next();
            result.put(binding.getName(), binding.getObject());
        }
        return result;
    }
}
