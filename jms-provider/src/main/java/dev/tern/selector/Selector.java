package dev.tern.selector;

import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PLACEHOLDER until branch {@code selector} lands: null/blank matches all; otherwise only
 * {@code name = 'text'} or {@code name = number} are understood.
 */
public final class Selector {

    private static final Pattern EQUALS = Pattern.compile("\\s*(\\w+)\\s*=\\s*(?:'([^']*)'|(-?\\d+))\\s*");

    private final String property;
    private final Object value;

    private Selector(String property, Object value) {
        this.property = property;
        this.value = value;
    }

    public static Selector parse(String selector) throws InvalidSelectorException {
        if (selector == null || selector.isBlank()) {
            return new Selector(null, null);
        }
        Matcher m = EQUALS.matcher(selector);
        if (!m.matches()) {
            throw new InvalidSelectorException("placeholder selector understands only name = value: " + selector);
        }
        return new Selector(m.group(1), m.group(2) != null ? m.group(2) : (Object) Long.valueOf(m.group(3)));
    }

    public boolean matchesAll() {
        return property == null;
    }

    public boolean matches(Message message) {
        if (property == null) {
            return true;
        }
        try {
            Object actual = message.getObjectProperty(property);
            if (actual instanceof Number n && value instanceof Long l) {
                return n.longValue() == l;
            }
            return value.equals(actual);
        } catch (JMSException e) {
            return false;
        }
    }
}
