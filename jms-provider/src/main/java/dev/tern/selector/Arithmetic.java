package dev.tern.selector;

/**
 * {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b}. Two exact operands compute in long
 * (Java semantics: overflow wraps, division truncates); otherwise in double. A non-numeric or NULL
 * operand, and division by zero, give NULL.
 */
final class Arithmetic extends Expression {

    enum Operator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }
    }

    private final Operator operator;
    private final Expression left;
    private final Expression right;

    Arithmetic(Operator operator, Expression left, Expression right) {
        super(left, right);
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    StaticType type() {
        return StaticType.NUMERIC;
    }

    @Override
    Object evaluate(ValueSource source) {
        if (!(left.evaluate(source) instanceof Number l)) {
            return null;
        }
        if (!(right.evaluate(source) instanceof Number r)) {
            return null;
        }
        if (Values.isExact(l) && Values.isExact(r)) {
            return exact(l.longValue(), r.longValue());
        }
        return approximate(l.doubleValue(), r.doubleValue());
    }

    private Long exact(long a, long b) {
        return switch (operator) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> b == 0 ? null : a / b;
        };
    }

    private Double approximate(double a, double b) {
        return switch (operator) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> b == 0.0 ? null : a / b;
        };
    }
}
