package dev.tern.selector;

/** {@code identifier [NOT] LIKE 'pattern' [ESCAPE 'c']}, the pattern compiled once at parse time. */
final class Like extends Condition {

    private final Identifier identifier;
    private final LikePattern pattern;
    private final boolean negated;

    Like(Identifier identifier, LikePattern pattern, boolean negated) {
        super(identifier);
        this.identifier = identifier;
        this.pattern = pattern;
        this.negated = negated;
    }

    /** NULL, and any value that is not a String, is UNKNOWN: LIKE is defined on strings only. */
    @Override
    Truth test(ValueSource source) {
        if (identifier.evaluate(source) instanceof String value) {
            return Truth.of(pattern.matches(value) != negated);
        }
        return Truth.UNKNOWN;
    }
}
