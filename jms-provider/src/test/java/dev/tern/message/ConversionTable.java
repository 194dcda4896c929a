package dev.tern.message;

import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.tern.message.ConversionTable.Kind.*;

/**
 * The conversion tables of the specification written out independently of the code under test:
 * section 3.5.4 for properties (the first eight kinds), and the MapMessage/StreamMessage table
 * (all ten).
 */
final class ConversionTable {

    enum Kind { BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, STRING, BYTES }

    static final Set<Kind> ALL_KINDS = EnumSet.allOf(Kind.class);

    static final Set<Kind> PROPERTY_KINDS = EnumSet.of(BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING);

    /** Written as (row) → readable as (columns). */
    private static final Map<Kind, Set<Kind>> READABLE_AS = Map.of(
            BOOLEAN, EnumSet.of(BOOLEAN, STRING),
            BYTE, EnumSet.of(BYTE, SHORT, INT, LONG, STRING),
            SHORT, EnumSet.of(SHORT, INT, LONG, STRING),
            CHAR, EnumSet.of(CHAR, STRING),
            INT, EnumSet.of(INT, LONG, STRING),
            LONG, EnumSet.of(LONG, STRING),
            FLOAT, EnumSet.of(FLOAT, DOUBLE, STRING),
            DOUBLE, EnumSet.of(DOUBLE, STRING),
            STRING, EnumSet.of(BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING),
            BYTES, EnumSet.of(BYTES));

    private ConversionTable() {
    }

    /** (written, readAs, received) for every pair of kinds, once on a new message and once on a received one. */
    static Stream<Arguments> cells(Set<Kind> kinds) {
        List<Arguments> cells = new ArrayList<>();
        for (Kind written : kinds) {
            for (Kind readAs : kinds) {
                cells.add(Arguments.of(written, readAs, false));
                cells.add(Arguments.of(written, readAs, true));
            }
        }
        return cells.stream();
    }

    /** What to write for a cell: the kind's sample, or for a String one the target type parses. */
    static Object valueToWrite(Kind written, Kind readAs) {
        return written == STRING ? parsableString(readAs) : sample(written);
    }

    static boolean readable(Kind written, Kind readAs) {
        return READABLE_AS.get(written).contains(readAs);
    }

    /** A value of each kind; numbers that fit every narrower type they may be read as. */
    static Object sample(Kind kind) {
        return switch (kind) {
            case BOOLEAN -> true;
            case BYTE -> (byte) 7;
            case SHORT -> (short) 300;
            case CHAR -> 'x';
            case INT -> 70_000;
            case LONG -> 5_000_000_000L;
            case FLOAT -> 1.5f;
            case DOUBLE -> 2.25;
            case STRING -> "12";
            case BYTES -> new byte[] {1, 2, 3};
        };
    }

    /** A string the target type parses: what a String value must convert to. */
    static String parsableString(Kind readAs) {
        return switch (readAs) {
            case BOOLEAN -> "true";
            case FLOAT, DOUBLE -> "1.5";
            case STRING -> "any text";
            default -> "12";
        };
    }

    /** What reading {@code value} as {@code readAs} must give, for a readable combination. */
    static Object expected(Object value, Kind readAs) {
        if (value instanceof String s) {
            return switch (readAs) {
                case BOOLEAN -> Boolean.valueOf(s);
                case BYTE -> Byte.valueOf(s);
                case SHORT -> Short.valueOf(s);
                case INT -> Integer.valueOf(s);
                case LONG -> Long.valueOf(s);
                case FLOAT -> Float.valueOf(s);
                case DOUBLE -> Double.valueOf(s);
                default -> s;
            };
        }
        return switch (readAs) {
            case SHORT -> ((Number) value).shortValue();
            case INT -> ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case STRING -> String.valueOf(value);
            default -> value;
        };
    }
}
