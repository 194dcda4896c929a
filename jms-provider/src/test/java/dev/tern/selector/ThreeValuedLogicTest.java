package dev.tern.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AND, OR and NOT follow tables 3-4, 3-5 and 3-6 of Jakarta Messaging 3.1, through real selectors. */
class ThreeValuedLogicTest {

    /** t is TRUE, f is FALSE, u is a missing property: UNKNOWN. */
    private static final TestMessage MESSAGE = new TestMessage().with("t", true).with("f", false);

    private static String operand(char truth) {
        return switch (truth) {
            case 'T' -> "t";
            case 'F' -> "f";
            default -> "u";
        };
    }

    private static Truth truth(char c) {
        return switch (c) {
            case 'T' -> Truth.TRUE;
            case 'F' -> Truth.FALSE;
            default -> Truth.UNKNOWN;
        };
    }

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @CsvSource({
            "T,T,T", "T,F,F", "T,U,U",
            "F,T,F", "F,F,F", "F,U,F",
            "U,T,U", "U,F,F", "U,U,U",
    })
    void and(char left, char right, char expected) {
        String selector = operand(left) + " AND " + operand(right);
        assertEquals(truth(expected), Eval.truth(selector, MESSAGE), selector);
        assertEquals(truth(expected), truth(left).and(truth(right)));
        // The same through comparisons rather than boolean properties.
        String viaComparisons = comparison(left) + " AND " + comparison(right);
        assertEquals(truth(expected), Eval.truth(viaComparisons, new TestMessage().with("n", 1)), viaComparisons);
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @CsvSource({
            "T,T,T", "T,F,T", "T,U,T",
            "F,T,T", "F,F,F", "F,U,U",
            "U,T,T", "U,F,U", "U,U,U",
    })
    void or(char left, char right, char expected) {
        String selector = operand(left) + " OR " + operand(right);
        assertEquals(truth(expected), Eval.truth(selector, MESSAGE), selector);
        assertEquals(truth(expected), truth(left).or(truth(right)));
        String viaComparisons = comparison(left) + " OR " + comparison(right);
        assertEquals(truth(expected), Eval.truth(viaComparisons, new TestMessage().with("n", 1)), viaComparisons);
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({"T,F", "F,T", "U,U"})
    void not(char operand, char expected) {
        String selector = "NOT " + operand(operand);
        assertEquals(truth(expected), Eval.truth(selector, MESSAGE), selector);
        assertEquals(truth(expected), truth(operand).not());
        assertEquals(truth(operand), Eval.truth("NOT NOT " + operand(operand), MESSAGE));
    }

    /** n is 1; "missing" is NULL. */
    private static String comparison(char truth) {
        return switch (truth) {
            case 'T' -> "n = 1";
            case 'F' -> "n = 2";
            default -> "missing = 1";
        };
    }

    @Test
    void longChainsCombineLeftToRight() {
        assertEquals(Truth.UNKNOWN, Eval.truth("t AND t AND u AND t", MESSAGE));
        assertEquals(Truth.FALSE, Eval.truth("t AND u AND f AND u", MESSAGE));
        assertEquals(Truth.TRUE, Eval.truth("f OR u OR t OR u", MESSAGE));
        assertEquals(Truth.UNKNOWN, Eval.truth("f OR u OR f", MESSAGE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NOT t AND f                     | FALSE
            NOT (t AND f)                   | TRUE
            t OR t AND f                    | TRUE
            (t OR t) AND f                  | FALSE
            t OR f AND u                    | TRUE
            f AND t OR t                    | TRUE
            f AND (t OR t)                  | FALSE
            NOT f OR f                      | TRUE
            NOT u OR t                      | TRUE
            NOT u AND t                     | UNKNOWN
            NOT t = FALSE                   | TRUE
            (t OR f) AND f                  | FALSE
            TRUE OR (FALSE AND FALSE)       | TRUE
            (t AND f) OR (t AND u) OR (f AND t) OR (f AND f) OR (f AND u) OR (u AND t) OR (u AND f) OR (u AND u) | UNKNOWN
            (t OR t) AND (t OR f) AND (t OR u) AND (f OR t) AND (u OR t) | TRUE
            (f OR f) OR (f OR u) OR (u OR f) OR (u OR u) | UNKNOWN
            """)
    void precedenceIsNotThenAndThenOr(String selector, Truth expected) {
        assertEquals(expected, Eval.truth(selector, MESSAGE), selector);
    }

    @Test
    void shortCircuitSkipsReadingProperties() {
        CountingMessage message = new CountingMessage();
        message.with("f", false).with("t", true);
        assertEquals(Truth.FALSE, Eval.truth("f AND a = 1 AND b = 2", message));
        assertEquals(1, message.reads);
        message.reads = 0;
        assertEquals(Truth.TRUE, Eval.truth("t OR a = 1 OR b = 2", message));
        assertEquals(1, message.reads);
    }

    private static final class CountingMessage extends TestMessage {
        int reads;

        @Override
        public Object getObjectProperty(String name) throws jakarta.jms.JMSException {
            reads++;
            return super.getObjectProperty(name);
        }
    }
}
