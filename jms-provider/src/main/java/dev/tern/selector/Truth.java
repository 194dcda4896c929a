package dev.tern.selector;

/** SQL three-valued logic (Jakarta Messaging 3.1, section 3.8.1.2, tables 3-4 to 3-6). */
enum Truth {
    TRUE, FALSE, UNKNOWN;

    static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** A Boolean value is TRUE or FALSE; NULL and every other type are UNKNOWN. */
    static Truth ofValue(Object value) {
        if (value instanceof Boolean b) {
            return of(b);
        }
        return UNKNOWN;
    }

    Truth not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
    }

    Truth or(Truth other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
    }

    /** As a selector value: Boolean.TRUE, Boolean.FALSE, or null for UNKNOWN. */
    Boolean toValue() {
        return switch (this) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case UNKNOWN -> null;
        };
    }
}
