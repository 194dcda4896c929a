package dev.tern.selector;

import jakarta.jms.InvalidSelectorException;

/** Builds InvalidSelectorException messages that say what is wrong and where. */
final class SelectorErrors {

    private static final int MAX_SHOWN = 120;

    private SelectorErrors() {
    }

    /** "what, at position N (1-based) of selector: text", the text shortened around N when long. */
    static InvalidSelectorException at(String selector, int position, String what) {
        return new InvalidSelectorException(
                what + ", at position " + (position + 1) + " of selector: " + excerpt(selector, position));
    }

    private static String excerpt(String selector, int position) {
        if (selector.length() <= MAX_SHOWN) {
            return selector;
        }
        int from = Math.max(0, Math.min(position - MAX_SHOWN / 2, selector.length() - MAX_SHOWN));
        int to = Math.min(selector.length(), from + MAX_SHOWN);
        return (from > 0 ? "..." : "") + selector.substring(from, to) + (to < selector.length() ? "..." : "");
    }
}
