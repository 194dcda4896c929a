package dev.tern.selector;

/** Unary {@code -a} or {@code +a}; NULL or a non-numeric operand gives NULL. */
final class UnarySign extends Expression {

    private final Expression operand;
    private final boolean negate;

    UnarySign(Expression operand, boolean negate) {
        super(operand);
        this.operand = operand;
        this.negate = negate;
    }

    @Override
    StaticType type() {
        return StaticType.NUMERIC;
    }

    @Override
    Object evaluate(ValueSource source) {
        Object value = operand.evaluate(source);
        if (!(value instanceof Number number)) {
            return null;
        }
        if (!negate) {
            return value;
        }
        if (Values.isExact(value)) {
            return -number.longValue();
        }
        return -number.doubleValue();
    }
}
