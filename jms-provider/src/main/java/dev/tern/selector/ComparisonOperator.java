package dev.tern.selector;

/** The six comparison operators and the comparison rules of section 3.8.1.1. */
enum ComparisonOperator {
    EQUAL("="), NOT_EQUAL("<>"), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** Only = and <> apply to strings and booleans. */
    boolean isOrdering() {
        return this != EQUAL && this != NOT_EQUAL;
    }

    /**
     * Compares two selector values. NULL on either side is UNKNOWN. Exact with exact compares as long,
     * any other pair of numbers as double (Java numeric promotion). Two strings or two booleans compare
     * with = and <> only; an ordering operator on them is UNKNOWN. Values of unlike types are FALSE, as
     * the specification says.
     */
    Truth apply(Object left, Object right) {
        if (left == null || right == null) {
            return Truth.UNKNOWN;
        }
        if (left instanceof Number l && right instanceof Number r) {
            if (Values.isExact(left) && Values.isExact(right)) {
                return Truth.of(test(l.longValue(), r.longValue()));
            }
            return Truth.of(test(l.doubleValue(), r.doubleValue()));
        }
        if ((left instanceof String && right instanceof String)
                || (left instanceof Boolean && right instanceof Boolean)) {
            if (isOrdering()) {
                return Truth.UNKNOWN;
            }
            return Truth.of(left.equals(right) == (this == EQUAL));
        }
        return Truth.FALSE;
    }

    private boolean test(long a, long b) {
        return switch (this) {
            case EQUAL -> a == b;
            case NOT_EQUAL -> a != b;
            case LESS -> a < b;
            case LESS_OR_EQUAL -> a <= b;
            case GREATER -> a > b;
            case GREATER_OR_EQUAL -> a >= b;
        };
    }

    // Java's operators, so NaN compares as in Java: only <> is true.
    private boolean test(double a, double b) {
        return switch (this) {
            case EQUAL -> a == b;
            case NOT_EQUAL -> a != b;
            case LESS -> a < b;
            case LESS_OR_EQUAL -> a <= b;
            case GREATER -> a > b;
            case GREATER_OR_EQUAL -> a >= b;
        };
    }
}
