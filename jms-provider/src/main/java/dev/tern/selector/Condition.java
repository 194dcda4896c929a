package dev.tern.selector;

/** An expression whose natural result is a truth value (comparisons, logical operators, predicates). */
abstract class Condition extends Expression {

    Condition(Expression... children) {
        super(children);
    }

    @Override
    final StaticType type() {
        return StaticType.BOOLEAN;
    }

    /** Used when a condition is compared with a boolean, as in {@code (a > 1) = TRUE}. */
    @Override
    final Object evaluate(ValueSource source) {
        return test(source).toValue();
    }

    @Override
    abstract Truth test(ValueSource source);
}
