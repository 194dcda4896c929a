package dev.tern.selector;

/** {@code identifier IS [NOT] NULL}: the only operator that turns NULL into TRUE or FALSE. */
final class IsNull extends Condition {

    private final Identifier identifier;
    private final boolean negated;

    IsNull(Identifier identifier, boolean negated) {
        super(identifier);
        this.identifier = identifier;
        this.negated = negated;
    }

    @Override
    Truth test(ValueSource source) {
        return Truth.of((identifier.evaluate(source) == null) != negated);
    }
}
