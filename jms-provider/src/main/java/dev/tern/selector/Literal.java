package dev.tern.selector;

/** A constant: Long, Double, String or Boolean, boxed once at parse time. */
final class Literal extends Expression {

    private final Object value;
    private final StaticType type;

    Literal(Object value) {
        this.value = value;
        if (value instanceof String) {
            type = StaticType.STRING;
        } else if (value instanceof Boolean) {
            type = StaticType.BOOLEAN;
        } else if (value instanceof Long || value instanceof Double) {
            type = StaticType.NUMERIC;
        } else {
            throw new IllegalArgumentException("not a selector literal: " + value);
        }
    }

    Object value() {
        return value;
    }

    @Override
    StaticType type() {
        return type;
    }

    @Override
    Object evaluate(ValueSource source) {
        return value;
    }
}
