package dev.tern.jndi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The objects of one JNDI tree, fixed when the initial context is created, by canonical name
 * ({@code jms/MyCF}). A name with objects below it is a sub-context; checked at creation so that
 * no name is both an object and a sub-context.
 */
final class Bindings {

    private final NavigableMap<String, Object> objects;

    Bindings(NavigableMap<String, Object> objects) {
        this.objects = Collections.unmodifiableNavigableMap(new TreeMap<>(objects));
    }

    /** The object bound to exactly this canonical name, or null. */
    Object object(String name) {
        return objects.get(name);
    }

    /** True if objects are bound below this canonical name; the empty name is the root. */
    boolean hasObjectsBelow(String name) {
        return firstBelow(objects, name) != null;
    }

    /**
     * The direct children of a sub-context, in name order: a child's value is its object, or
     * null when the child is itself a sub-context.
     */
    Map<String, Object> children(String context) {
        String prefix = childPrefix(context);
        Map<String, Object> children = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : objects.tailMap(prefix, true).entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(prefix)) {
                break;
            }
            String rest = name.substring(prefix.length());
            int separator = rest.indexOf(JndiNames.SEPARATOR);
            if (separator < 0) {
                children.put(rest, entry.getValue());
            } else {
                children.put(rest.substring(0, separator), null);
            }
        }
        return children;
    }

    /** The first name below {@code parent} (canonical) in sorted {@code names}, or null. */
    static String firstBelow(NavigableMap<String, ?> names, String parent) {
        String prefix = childPrefix(parent);
        String next = names.ceilingKey(prefix);
        return next != null && next.startsWith(prefix) ? next : null;
    }

    private static String childPrefix(String context) {
        return context.isEmpty() ? "" : context + JndiNames.SEPARATOR;
    }
}
