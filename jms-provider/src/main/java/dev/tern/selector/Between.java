package dev.tern.selector;

/**
 * {@code v [NOT] BETWEEN low AND high}, evaluated exactly as the specification's equivalents
 * {@code v >= low AND v <= high} and {@code v < low OR v > high}, reading v once.
 */
final class Between extends Condition {

    private final Expression value;
    private final Expression low;
    private final Expression high;
    private final boolean negated;

    Between(Expression value, Expression low, Expression high, boolean negated) {
        super(value, low, high);
        this.value = value;
        this.low = low;
        this.high = high;
        this.negated = negated;
    }

    @Override
    Truth test(ValueSource source) {
        Object v = value.evaluate(source);
        if (v == null) {
            return Truth.UNKNOWN;
        }
        if (negated) {
            Truth below = ComparisonOperator.LESS.apply(v, low.evaluate(source));
            if (below == Truth.TRUE) {
                return Truth.TRUE;
            }
            return below.or(ComparisonOperator.GREATER.apply(v, high.evaluate(source)));
        }
        Truth atLeast = ComparisonOperator.GREATER_OR_EQUAL.apply(v, low.evaluate(source));
        if (atLeast == Truth.FALSE) {
            return Truth.FALSE;
        }
        return atLeast.and(ComparisonOperator.LESS_OR_EQUAL.apply(v, high.evaluate(source)));
    }
}
