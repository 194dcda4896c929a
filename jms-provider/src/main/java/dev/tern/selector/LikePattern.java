package dev.tern.selector;

import java.util.Arrays;

/**
 * A LIKE pattern compiled at parse time: {@code _} matches one character, {@code %} any sequence
 * (including none), every other character only itself. No regular expressions are involved, so
 * {@code .}, {@code *}, {@code [} and friends need no quoting, and matching allocates nothing.
 * Characters are Unicode code points, so {@code _} matches a supplementary character whole.
 */
final class LikePattern {

    /** Element for {@code _}. Code points are never negative, so the markers cannot clash. */
    private static final int ANY_ONE = -1;
    /** Element for {@code %}. */
    private static final int ANY_SEQUENCE = -2;

    private final int[] elements;
    /** The whole pattern when it has no wildcards: matching is then plain equality. */
    private final String literal;

    private LikePattern(int[] elements, String literal) {
        this.elements = elements;
        this.literal = literal;
    }

    /**
     * @param pattern the pattern text
     * @param escape  the escape code point, or -1 for none. The character after an escape stands for
     *                itself (normally {@code _}, {@code %} or the escape itself)
     * @throws IllegalArgumentException when the pattern ends with a lone escape character
     */
    static LikePattern compile(String pattern, int escape) {
        int[] elements = new int[pattern.length()];
        int count = 0;
        boolean wildcards = false;
        StringBuilder literal = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == escape) {
                if (i >= pattern.length()) {
                    throw new IllegalArgumentException("the pattern ends with the escape character");
                }
                cp = pattern.codePointAt(i);
                i += Character.charCount(cp);
                elements[count++] = cp;
                literal.appendCodePoint(cp);
            } else if (cp == '%') {
                wildcards = true;
                if (count == 0 || elements[count - 1] != ANY_SEQUENCE) {
                    elements[count++] = ANY_SEQUENCE; // "%%" means the same as "%"
                }
            } else if (cp == '_') {
                wildcards = true;
                elements[count++] = ANY_ONE;
            } else {
                elements[count++] = cp;
                literal.appendCodePoint(cp);
            }
        }
        return new LikePattern(Arrays.copyOf(elements, count), wildcards ? null : literal.toString());
    }

    /** Greedy match that backtracks to the last {@code %} seen: O(text x pattern) at worst. */
    boolean matches(String text) {
        if (literal != null) {
            return literal.equals(text);
        }
        int p = 0;
        int i = 0;
        int lastSequence = -1; // element index of the last % passed
        int resumeAt = -1;     // text index that % is currently standing for up to
        while (i < text.length()) {
            if (p < elements.length && elements[p] == ANY_SEQUENCE) {
                lastSequence = p++;
                resumeAt = i;
                continue;
            }
            int cp = text.codePointAt(i);
            if (p < elements.length && (elements[p] == ANY_ONE || elements[p] == cp)) {
                p++;
                i += Character.charCount(cp);
            } else if (lastSequence >= 0) {
                // Let the last % absorb one more character and retry from there.
                resumeAt += Character.charCount(text.codePointAt(resumeAt));
                i = resumeAt;
                p = lastSequence + 1;
            } else {
                return false;
            }
        }
        while (p < elements.length && elements[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == elements.length;
    }
}
