package dev.tern.selector;

import jakarta.jms.InvalidSelectorException;

/**
 * Splits a selector into tokens. Literals follow Java's syntax, as the specification asks: integer
 * literals in decimal, octal ({@code 035}), hex ({@code 0x1d}) or binary ({@code 0b11101}) with an
 * optional {@code L}; floating-point literals ({@code 7E3}, {@code -57.9E2}, {@code 7.}, {@code .5},
 * {@code 1.5F}, {@code 0x1.8p1}); underscores between digits. Strings are in single quotes with
 * {@code ''} for a quote. Whitespace is Java's: space, tab, form feed, line feed, carriage return.
 */
final class Lexer {

    private final String text;
    private int pos;

    Lexer(String text) {
        this.text = text;
    }

    Token next() throws InvalidSelectorException {
        skipWhitespace();
        if (pos >= text.length()) {
            return new Token(TokenType.END, pos, "", null);
        }
        int start = pos;
        char c = text.charAt(pos);
        switch (c) {
            case '(': return symbol(TokenType.LEFT_PAREN, 1);
            case ')': return symbol(TokenType.RIGHT_PAREN, 1);
            case ',': return symbol(TokenType.COMMA, 1);
            case '=': return symbol(TokenType.EQUAL, 1);
            case '+': return symbol(TokenType.PLUS, 1);
            case '-': return symbol(TokenType.MINUS, 1);
            case '*': return symbol(TokenType.STAR, 1);
            case '/': return symbol(TokenType.SLASH, 1);
            case '<':
                if (peek(1) == '>') {
                    return symbol(TokenType.NOT_EQUAL, 2);
                }
                return peek(1) == '=' ? symbol(TokenType.LESS_OR_EQUAL, 2) : symbol(TokenType.LESS, 1);
            case '>':
                return peek(1) == '=' ? symbol(TokenType.GREATER_OR_EQUAL, 2) : symbol(TokenType.GREATER, 1);
            case '\'':
                return string();
            case '!':
                throw SelectorErrors.at(text, start, "Unexpected character '!' (not equal is written <>)");
            case '.':
                if (isDigit(peek(1), 10)) {
                    return number();
                }
                throw SelectorErrors.at(text, start, "Unexpected character '.'");
            default:
                if (c >= '0' && c <= '9') {
                    return number();
                }
                int cp = text.codePointAt(pos);
                if (Character.isJavaIdentifierStart(cp)) {
                    return identifierOrKeyword();
                }
                throw SelectorErrors.at(text, start, "Unexpected character " + show(cp));
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\f' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private Token symbol(TokenType type, int length) {
        Token token = new Token(type, pos, text.substring(pos, pos + length), null);
        pos += length;
        return token;
    }

    private Token identifierOrKeyword() {
        int start = pos;
        pos += Character.charCount(text.codePointAt(pos));
        while (pos < text.length()) {
            int cp = text.codePointAt(pos);
            if (!Character.isJavaIdentifierPart(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        String word = text.substring(start, pos);
        TokenType keyword = TokenType.keyword(word);
        return new Token(keyword != null ? keyword : TokenType.IDENTIFIER, start, word, word);
    }

    private Token string() throws InvalidSelectorException {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++; // opening quote
        while (true) {
            if (pos >= text.length()) {
                throw SelectorErrors.at(text, start, "String literal is not closed with a '");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (pos < text.length() && text.charAt(pos) == '\'') {
                    value.append('\'');
                    pos++;
                } else {
                    break;
                }
            } else {
                value.append(c);
            }
        }
        return new Token(TokenType.STRING, start, text.substring(start, pos), value.toString());
    }

    // ---- numbers ----

    private Token number() throws InvalidSelectorException {
        int start = pos;
        if (text.charAt(pos) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            return hexNumber(start);
        }
        if (text.charAt(pos) == '0' && (peek(1) == 'b' || peek(1) == 'B')) {
            pos += 2;
            requireDigit(start, 2, "binary literal needs binary digits after 0b");
            int end = digits(2, start);
            return integer(start, text.substring(start + 2, end), 2, end);
        }
        int integerEnd = isDigit(peek(0), 10) ? digits(10, start) : pos;
        boolean approximate = false;
        if (peek(0) == '.') {
            approximate = true;
            pos++;
            if (isDigit(peek(0), 10)) {
                digits(10, start);
            }
        }
        if (peek(0) == 'e' || peek(0) == 'E') {
            approximate = true;
            exponent(start);
        }
        char suffix = peek(0);
        if (suffix == 'f' || suffix == 'F' || suffix == 'd' || suffix == 'D') {
            pos++;
            return floating(start, false);
        }
        if (approximate) {
            return floating(start, false);
        }
        String digits = text.substring(start, integerEnd);
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            return integer(start, digits.substring(1), 8, integerEnd);
        }
        return integer(start, digits, 10, integerEnd);
    }

    private Token hexNumber(int start) throws InvalidSelectorException {
        pos += 2;
        boolean mantissaDigits = false;
        int integerEnd = pos;
        if (isDigit(peek(0), 16)) {
            integerEnd = digits(16, start);
            mantissaDigits = true;
        }
        if (peek(0) != '.' && peek(0) != 'p' && peek(0) != 'P') {
            if (!mantissaDigits) {
                throw malformed(start, "hexadecimal literal needs digits after 0x");
            }
            return integer(start, text.substring(start + 2, integerEnd), 16, integerEnd);
        }
        // Hexadecimal floating point: 0x[digits][.digits]p[sign]digits[fFdD]
        if (peek(0) == '.') {
            pos++;
            if (isDigit(peek(0), 16)) {
                digits(16, start);
                mantissaDigits = true;
            }
        }
        if (!mantissaDigits || (peek(0) != 'p' && peek(0) != 'P')) {
            throw malformed(start, "hexadecimal floating-point literal needs digits and a p exponent");
        }
        exponent(start);
        char suffix = peek(0);
        if (suffix == 'f' || suffix == 'F' || suffix == 'd' || suffix == 'D') {
            pos++;
        }
        return floating(start, true);
    }

    /** Exponent marker (e or p), optional sign, digits. */
    private void exponent(int start) throws InvalidSelectorException {
        pos++;
        if (peek(0) == '+' || peek(0) == '-') {
            pos++;
        }
        requireDigit(start, 10, "exponent needs digits");
        digits(10, start);
    }

    private void requireDigit(int start, int radix, String problem) throws InvalidSelectorException {
        if (!isDigit(peek(0), radix)) {
            throw malformed(start, problem);
        }
    }

    /** Consumes digits of the radix with underscores allowed only between digits; returns the end. */
    private int digits(int radix, int start) throws InvalidSelectorException {
        int lastDigit = -1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (isDigit(c, radix)) {
                lastDigit = pos;
            } else if (c != '_') {
                break;
            }
            pos++;
        }
        if (lastDigit != pos - 1) {
            throw malformed(start, "underscores may only stand between digits");
        }
        return pos;
    }

    private Token integer(int start, String digits, int radix, int end) throws InvalidSelectorException {
        pos = end;
        if (peek(0) == 'l' || peek(0) == 'L') {
            pos++;
        }
        checkEnd(start);
        String clean = digits.replace("_", "");
        long value;
        try {
            if (radix == 8) {
                for (int i = 0; i < clean.length(); i++) {
                    if (clean.charAt(i) > '7') {
                        throw malformed(start, "octal literal (leading 0) has digit " + clean.charAt(i));
                    }
                }
            }
            // Java: hex, octal and binary literals may use all 64 bits; decimal ones only up to
            // 9223372036854775807, or 9223372036854775808 right after unary minus (checked by the parser).
            value = Long.parseUnsignedLong(clean, radix);
        } catch (NumberFormatException e) {
            throw SelectorErrors.at(text, start, "Integer literal " + text.substring(start, pos)
                    + " is out of the range of long");
        }
        if (radix == 10 && value < 0 && value != Long.MIN_VALUE) {
            throw SelectorErrors.at(text, start, "Integer literal " + text.substring(start, pos)
                    + " is out of the range of long");
        }
        return new Token(TokenType.EXACT_NUMBER, start, text.substring(start, pos), value);
    }

    private Token floating(int start, boolean hex) throws InvalidSelectorException {
        checkEnd(start);
        String written = text.substring(start, pos);
        String clean = written.replace("_", "");
        char last = clean.charAt(clean.length() - 1);
        boolean isFloat = last == 'f' || last == 'F';
        double value;
        try {
            value = isFloat ? Float.parseFloat(clean) : Double.parseDouble(clean);
        } catch (NumberFormatException e) {
            throw malformed(start, "not a floating-point literal");
        }
        if (Double.isInfinite(value)) {
            throw SelectorErrors.at(text, start, "Floating-point literal " + written + " is too large");
        }
        if (value == 0.0 && hasNonZeroMantissa(clean, hex)) {
            throw SelectorErrors.at(text, start, "Floating-point literal " + written + " is too small");
        }
        return new Token(TokenType.APPROXIMATE_NUMBER, start, written, value);
    }

    private static boolean hasNonZeroMantissa(String literal, boolean hex) {
        int from = hex ? 2 : 0;
        for (int i = from; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E')) {
                return false;
            }
            if (isDigit(c, hex ? 16 : 10) && c != '0') {
                return true;
            }
        }
        return false;
    }

    /** A number must not run straight into letters or digits, as in "12abc" or "09". */
    private void checkEnd(int start) throws InvalidSelectorException {
        if (pos < text.length() && Character.isJavaIdentifierPart(text.codePointAt(pos))) {
            throw malformed(start, "unexpected " + show(text.codePointAt(pos)) + " in number");
        }
    }

    private InvalidSelectorException malformed(int start, String problem) {
        int end = pos;
        while (end < text.length() && (Character.isJavaIdentifierPart(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        return SelectorErrors.at(text, start, "Malformed number " + text.substring(start, end) + ": " + problem);
    }

    private static boolean isDigit(char c, int radix) {
        return Character.digit(c, radix) >= 0 && c < 128;
    }

    private static String show(int cp) {
        if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return String.format("U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }
}
