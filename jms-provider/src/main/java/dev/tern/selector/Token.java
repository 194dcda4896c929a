package dev.tern.selector;

import java.util.Locale;

/**
 * One token of a selector.
 *
 * @param type     what it is
 * @param position index of its first character in the selector (0-based)
 * @param text     the characters as written
 * @param value    for literals: the Long, Double or String value; for identifiers the name
 */
record Token(TokenType type, int position, String text, Object value) {

    /**
     * The decimal literal 9223372036854775808, which Java (and so a selector) allows only as the
     * operand of unary minus, where it makes Long.MIN_VALUE. Its value is that Long.MIN_VALUE.
     */
    boolean isLongMinMagnitude() {
        return type == TokenType.EXACT_NUMBER && Long.valueOf(Long.MIN_VALUE).equals(value)
                && !text.startsWith("0");
    }

    /** How an error message names this token. */
    String describe() {
        return switch (type) {
            case END -> "the end of the selector";
            case IDENTIFIER -> "identifier " + text;
            case STRING -> "string " + text;
            case EXACT_NUMBER, APPROXIMATE_NUMBER -> "number " + text;
            default -> type.isKeyword() ? "keyword " + text.toUpperCase(Locale.ROOT) : "'" + text + "'";
        };
    }
}
