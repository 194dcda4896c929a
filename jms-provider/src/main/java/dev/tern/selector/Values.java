package dev.tern.selector;

/** The value types a selector works with; everything else counts as NULL. */
final class Values {

    private Values() {
    }

    /** Byte, Short, Integer or Long: compared and computed as long. */
    static boolean isExact(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    /** Float or Double: compared and computed as double. */
    static boolean isApproximate(Object value) {
        return value instanceof Double || value instanceof Float;
    }

    /** The value itself if a selector can use it (numbers, String, Boolean), otherwise null. */
    static Object usable(Object value) {
        if (value instanceof String || value instanceof Boolean || isExact(value) || isApproximate(value)) {
            return value;
        }
        return null;
    }
}
