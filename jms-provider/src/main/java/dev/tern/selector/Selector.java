package dev.tern.selector;

import jakarta.jms.InvalidSelectorException;
import jakarta.jms.Message;

/**
 * A parsed message selector (Jakarta Messaging 3.1, section 3.8.1). Immutable and thread-safe: parse
 * once per consumer, then call {@link #matches} for each message from any thread.
 */
public final class Selector {

    private static final Selector MATCH_ALL = new Selector(null, null);

    private final String expression;
    private final Expression root;

    private Selector(String expression, Expression root) {
        this.expression = expression;
        this.root = root;
    }

    /**
     * Parses a selector. Null or blank gives a selector that matches everything.
     *
     * @throws InvalidSelectorException for bad syntax or types known to be wrong at parse time; the
     *                                  message says what is wrong and at which position
     */
    public static Selector parse(String expression) throws InvalidSelectorException {
        if (expression == null || expression.isBlank()) {
            return MATCH_ALL;
        }
        return new Selector(expression, Parser.parse(expression));
    }

    /**
     * True only if the selector evaluates to TRUE for this message (FALSE and UNKNOWN do not match).
     * Never throws: a header or property that cannot be read counts as NULL. Values are read through
     * the {@link Message} interface only (getObjectProperty and the header getters).
     */
    public boolean matches(Message message) {
        if (root == null) {
            return true;
        }
        if (message == null) {
            return false;
        }
        return matchesSource(new MessageValueSource(message));
    }

    /** Evaluates against any value source; the seam for the broker to skip building a Message. */
    boolean matchesSource(ValueSource source) {
        return root == null || root.test(source) == Truth.TRUE;
    }

    /** True for the selector made from a null or blank expression. */
    public boolean matchesAll() {
        return root == null;
    }

    /** The expression as given to {@link #parse}, or null for the match-all selector. */
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return root == null ? "Selector[match all]" : "Selector[" + expression + "]";
    }
}
