package dev.tern.jndi;

import javax.naming.CompoundName;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameParser;
import javax.naming.NamingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Tern's JNDI names: components separated by {@code /}, no quoting or escaping, dots are ordinary
 * characters. Every name is kept in a canonical form, its non-empty components joined by
 * {@code /}, so that {@code "jms/MyCF"}, {@code "/jms//MyCF/"} and {@code new CompositeName("jms/MyCF")}
 * all reach the same binding.
 */
final class JndiNames implements NameParser {

    static final String SEPARATOR = "/";

    static final JndiNames PARSER = new JndiNames();

    private static final Properties SYNTAX = new Properties();

    static {
        SYNTAX.put("jndi.syntax.direction", "left_to_right");
        SYNTAX.put("jndi.syntax.separator", SEPARATOR);
    }

    private JndiNames() {
    }

    @Override
    public Name parse(String name) throws NamingException {
        return new CompoundName(canonical(name), SYNTAX);
    }

    /** The canonical form of a name given as a string; {@code ""} is this context itself. */
    static String canonical(String name) throws InvalidNameException {
        if (name == null) {
            throw new InvalidNameException("name is null");
        }
        List<String> components = new ArrayList<>();
        for (String component : name.split(SEPARATOR)) {
            if (!component.isEmpty()) {
                components.add(component);
            }
        }
        return String.join(SEPARATOR, components);
    }

    /** The canonical form of a name given as a {@link Name}, whatever its syntax. */
    static String canonical(Name name) throws InvalidNameException {
        if (name == null) {
            throw new InvalidNameException("name is null");
        }
        List<String> components = new ArrayList<>(name.size());
        for (int i = 0; i < name.size(); i++) {
            components.add(name.get(i));
        }
        return canonical(String.join(SEPARATOR, components));
    }

    /** {@code child} inside {@code parent}, both canonical. */
    static String join(String parent, String child) {
        if (parent.isEmpty()) {
            return child;
        }
        if (child.isEmpty()) {
            return parent;
        }
        return parent + SEPARATOR + child;
    }
}
