package dev.tern.selector;

import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.Test;

import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long and deeply nested selectors: no stack overflow, clear limits. */
class LongExpressionTest {

    @Test
    void longOrAndAndChainsStayFlat() {
        StringJoiner or = new StringJoiner(" OR ");
        StringJoiner and = new StringJoiner(" AND ");
        for (int i = 0; i < 5000; i++) {
            or.add("n = " + i);
            and.add("n <> " + (i + 1_000_000));
        }
        TestMessage m = new TestMessage().with("n", 4999);
        assertEquals(Truth.TRUE, Eval.truth(or.toString(), m));
        assertEquals(Truth.TRUE, Eval.truth(and.toString(), m));
        assertEquals(Truth.FALSE, Eval.truth(or.toString(), new TestMessage().with("n", 5000)));
        assertEquals(Truth.UNKNOWN, Eval.truth(or.toString(), new TestMessage()));
    }

    @Test
    void longInList() {
        StringJoiner list = new StringJoiner(", ", "s IN (", ")");
        for (int i = 0; i < 10_000; i++) {
            list.add("'v" + i + "'");
        }
        assertEquals(Truth.TRUE, Eval.truth(list.toString(), new TestMessage().with("s", "v9999")));
        assertEquals(Truth.FALSE, Eval.truth(list.toString(), new TestMessage().with("s", "v10000")));
    }

    @Test
    void longStringLiteral() {
        String value = "x'y".repeat(30_000);
        String selector = "s = '" + value.replace("'", "''") + "'";
        assertEquals(Truth.TRUE, Eval.truth(selector, new TestMessage().with("s", value)));
    }

    @Test
    void realisticMixedSelector() {
        String selector = """
                (JMSType = 'order' OR JMSType LIKE 'order.%')
                  AND region IN ('eu-west', 'eu-central', 'us-east')
                  AND amount * (1 + taxRate) BETWEEN 100 AND 10000.50
                  AND NOT (cancelled = TRUE)
                  AND (priorityOverride IS NULL OR priorityOverride > JMSPriority)
                  AND customer NOT LIKE 'test\\_%' ESCAPE '\\'
                  AND JMSDeliveryMode = 'PERSISTENT'
                """;
        TestMessage m = new TestMessage().with("region", "eu-west").with("amount", 200).with("taxRate", 0.2)
                .with("cancelled", false).with("customer", "acme");
        m.setJMSType("order.created");
        assertEquals(Truth.TRUE, Eval.truth(selector, m));
        m.with("customer", "test_1");
        assertEquals(Truth.FALSE, Eval.truth(selector, m));
        m.with("customer", "testing");
        assertEquals(Truth.TRUE, Eval.truth(selector, m));
    }

    @Test
    void arithmeticChainUpToTheDepthLimit() throws Exception {
        String sum = "1" + " + 1".repeat(150);
        assertEquals(Truth.TRUE, Eval.truth(sum + " = 151"));
        String tooLong = "1" + " + 1".repeat(Parser.MAX_DEPTH + 10);
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class,
                () -> Selector.parse(tooLong + " = 0"));
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
    }

    @Test
    void nestingIsBoundedInsteadOfOverflowingTheStack() throws Exception {
        int fine = Parser.MAX_NESTING - 1;
        assertEquals(Truth.TRUE, Eval.truth("(".repeat(fine) + "a" + ")".repeat(fine),
                new TestMessage().with("a", true)));
        int evenNots = fine - fine % 2; // an even number of NOTs keeps TRUE
        assertEquals(Truth.TRUE, Eval.truth("NOT ".repeat(evenNots) + "a", new TestMessage().with("a", true)));

        for (String deep : new String[]{
                "(".repeat(100_000) + "a" + ")".repeat(100_000),
                "NOT ".repeat(100_000) + "a",
                "-".repeat(100_000) + "a = 1",
                "(".repeat(100_000)}) {
            InvalidSelectorException e = assertThrows(InvalidSelectorException.class, () -> Selector.parse(deep));
            assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
        }
    }
}
