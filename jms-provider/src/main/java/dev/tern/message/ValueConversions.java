package dev.tern.message;

import jakarta.jms.MessageFormatException;

/**
 * The conversion tables of the specification: section 3.5.4 for properties, and the tables of
 * {@code MapMessage} and {@code StreamMessage} (the same, plus {@code char} and {@code byte[]},
 * which properties cannot hold). A null value, or a missing one, converts as the wrapper's
 * {@code valueOf((String) null)} would: false for boolean, {@code NumberFormatException} for the
 * integral types, {@code NullPointerException} for float, double and char.
 */
final class ValueConversions {

    private ValueConversions() {
    }

    static boolean toBoolean(Object value) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.valueOf((String) value);
        }
        throw cannotConvert(value, "boolean");
    }

    static byte toByte(Object value) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.valueOf((String) value);
        }
        throw cannotConvert(value, "byte");
    }

    static short toShort(Object value) throws MessageFormatException {
        if (value instanceof Short s) {
            return s;
        }
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Short.valueOf((String) value);
        }
        throw cannotConvert(value, "short");
    }

    static char toChar(Object value) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException("the value is null; char has no conversion from null");
        }
        throw cannotConvert(value, "char");
    }

    static int toInt(Object value) throws MessageFormatException {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.valueOf((String) value);
        }
        throw cannotConvert(value, "int");
    }

    static long toLong(Object value) throws MessageFormatException {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.valueOf((String) value);
        }
        throw cannotConvert(value, "long");
    }

    static float toFloat(Object value) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Float.valueOf((String) value);
        }
        throw cannotConvert(value, "float");
    }

    static double toDouble(Object value) throws MessageFormatException {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Double.valueOf((String) value);
        }
        throw cannotConvert(value, "double");
    }

    static String toText(Object value) throws MessageFormatException {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[]) {
            throw cannotConvert(value, "String");
        }
        return value.toString();
    }

    /** The array itself, not a copy: callers copy it before handing it out. */
    static byte[] toBytes(Object value) throws MessageFormatException {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        throw cannotConvert(value, "byte[]");
    }

    /** The types a property may hold (section 3.5.4): the primitive wrappers but Character, and String. */
    static boolean isPropertyType(Object value) {
        return value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Float || value instanceof Double;
    }

    /** The types a map entry or stream field may hold: the property types, Character and byte[]. */
    static boolean isBodyValueType(Object value) {
        return isPropertyType(value) || value instanceof Character || value instanceof byte[];
    }

    private static MessageFormatException cannotConvert(Object value, String target) {
        return new MessageFormatException("a " + typeName(value) + " value cannot be read as " + target);
    }

    static String typeName(Object value) {
        return value instanceof byte[] ? "byte[]" : value.getClass().getSimpleName();
    }
}
