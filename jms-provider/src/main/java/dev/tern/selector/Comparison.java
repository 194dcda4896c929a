package dev.tern.selector;

/** {@code a = b}, {@code a <> b}, {@code a < b}, ... */
final class Comparison extends Condition {

    private final ComparisonOperator operator;
    private final Expression left;
    private final Expression right;

    Comparison(ComparisonOperator operator, Expression left, Expression right) {
        super(left, right);
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    Truth test(ValueSource source) {
        Object l = left.evaluate(source);
        if (l == null) {
            return Truth.UNKNOWN;
        }
        return operator.apply(l, right.evaluate(source));
    }
}
