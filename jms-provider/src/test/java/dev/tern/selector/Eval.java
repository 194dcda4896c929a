package dev.tern.selector;

import jakarta.jms.InvalidSelectorException;
import jakarta.jms.Message;

/** Test helper: the exact truth value (not just match / no match) of a selector for a message. */
final class Eval {

    private Eval() {
    }

    static Truth truth(String selector, Message message) {
        try {
            return Parser.parse(selector).test(new MessageValueSource(message));
        } catch (InvalidSelectorException e) {
            throw new AssertionError("selector should parse: " + selector + " -- " + e.getMessage(), e);
        }
    }

    static Truth truth(String selector) {
        return truth(selector, new TestMessage());
    }
}
