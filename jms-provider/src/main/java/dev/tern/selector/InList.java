package dev.tern.selector;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code identifier [NOT] IN ('a', 'b', ...)}. */
final class InList extends Condition {

    private final Identifier identifier;
    private final Set<String> values;
    private final boolean negated;

    InList(Identifier identifier, List<String> values, boolean negated) {
        super(identifier);
        this.identifier = identifier;
        this.values = new HashSet<>(values);
        this.negated = negated;
    }

    /** NULL, and any value that is not a String, is UNKNOWN: IN is defined on strings only. */
    @Override
    Truth test(ValueSource source) {
        if (identifier.evaluate(source) instanceof String value) {
            return Truth.of(values.contains(value) != negated);
        }
        return Truth.UNKNOWN;
    }
}
