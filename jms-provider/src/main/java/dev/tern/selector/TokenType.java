package dev.tern.selector;

/** Kinds of selector tokens. Keywords are recognised whatever their case. */
enum TokenType {
    IDENTIFIER, STRING, EXACT_NUMBER, APPROXIMATE_NUMBER,
    NOT(true), AND(true), OR(true), BETWEEN(true), LIKE(true), IN(true), IS(true), ESCAPE(true),
    NULL(true), TRUE(true), FALSE(true),
    LEFT_PAREN, RIGHT_PAREN, COMMA,
    EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL,
    PLUS, MINUS, STAR, SLASH,
    END;

    private final boolean keyword;

    TokenType() {
        this(false);
    }

    TokenType(boolean keyword) {
        this.keyword = keyword;
    }

    boolean isKeyword() {
        return keyword;
    }

    /** The keyword spelled by this word (ASCII letters, any case), or null. */
    static TokenType keyword(String word) {
        if (word.length() < 2 || word.length() > 7) {
            return null;
        }
        StringBuilder upper = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            // ASCII only: "ın" with a dotless i must stay an identifier, not become IN.
            if (c >= 'a' && c <= 'z') {
                upper.append((char) (c - 'a' + 'A'));
            } else if (c >= 'A' && c <= 'Z') {
                upper.append(c);
            } else {
                return null;
            }
        }
        try {
            TokenType type = valueOf(upper.toString());
            return type.keyword ? type : null;
        } catch (IllegalArgumentException notAKeyword) {
            return null;
        }
    }
}
