package dev.tern.selector;

import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public contract of {@link Selector}. */
class SelectorTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n\r\f "})
    void nullOrBlankMatchesEverything(String expression) throws Exception {
        Selector selector = Selector.parse(expression);
        assertTrue(selector.matchesAll());
        assertNull(selector.expression());
        assertTrue(selector.matches(new TestMessage()));
        assertTrue(selector.matches(Fixtures.standard()));
        assertTrue(selector.matches((jakarta.jms.Message) null));
        assertSame(Selector.parse(null), selector);
    }

    @Test
    void keepsTheExpressionAsGiven() throws Exception {
        Selector selector = Selector.parse("  color = 'blue'\n");
        assertFalse(selector.matchesAll());
        assertEquals("  color = 'blue'\n", selector.expression());
        assertTrue(selector.toString().contains("color = 'blue'"));
    }

    @Test
    void matchesOnlyTrue() throws Exception {
        TestMessage m = new TestMessage().with("a", 1);
        assertTrue(Selector.parse("a = 1").matches(m));
        assertFalse(Selector.parse("a = 2").matches(m));      // FALSE
        assertFalse(Selector.parse("b = 1").matches(m));      // UNKNOWN
        assertFalse(Selector.parse("NOT (b = 1)").matches(m)); // still UNKNOWN
        assertTrue(Selector.parse("b IS NULL").matches(m));
        assertFalse(Selector.parse("a = 1").matches((jakarta.jms.Message) null));
    }

    @Test
    void unreadableValuesAreNullAndNeverThrow() throws Exception {
        TestMessage broken = new TestMessage() {
            @Override
            public Object getObjectProperty(String name) throws JMSException {
                if (name.equals("bad")) {
                    throw new JMSException("cannot read " + name);
                }
                if (name.equals("worse")) {
                    throw new IllegalStateException("broken message");
                }
                return super.getObjectProperty(name);
            }

            @Override
            public String getJMSType() {
                throw new IllegalStateException("no type");
            }

            @Override
            public int getJMSPriority() throws JMSException {
                throw new JMSException("no priority");
            }
        }.with("good", 1);

        assertTrue(Selector.parse("bad IS NULL AND worse IS NULL AND good = 1").matches(broken));
        assertFalse(Selector.parse("bad = 1").matches(broken));
        assertFalse(Selector.parse("worse LIKE '%'").matches(broken));
        assertTrue(Selector.parse("JMSType IS NULL AND JMSPriority IS NULL").matches(broken));
        assertFalse(Selector.parse("JMSPriority > 0").matches(broken));
    }

    @Test
    void evaluatesAgainstAnyValueSource() throws Exception {
        dev.tern.selector.ValueSource source = new dev.tern.selector.ValueSource() {
            @Override
            public Object property(String name) {
                return name.equals("region") ? "eu" : null;
            }

            @Override
            public Object header(HeaderField field) {
                return field == HeaderField.DELIVERY_MODE ? HeaderField.deliveryModeName(2) : null;
            }
        };
        assertTrue(Selector.parse("region = 'eu' AND JMSDeliveryMode = 'PERSISTENT'").matchesSource(source));
        assertFalse(Selector.parse("region = 'us'").matchesSource(source));
        assertTrue(Selector.parse(null).matchesSource(source));
    }

    @Test
    void oneSelectorIsSafeToShareBetweenThreads() throws Exception {
        Selector selector = Selector.parse("n BETWEEN 100 AND 199 AND s LIKE 'k%' AND t IN ('x', 'y')");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                results.add(pool.submit(() -> {
                    int matched = 0;
                    for (int n = 0; n < 1000; n++) {
                        TestMessage m = new TestMessage().with("n", n).with("s", "k" + n).with("t", n % 2 == 0 ? "x" : "z");
                        if (selector.matches(m)) {
                            matched++;
                        }
                    }
                    return matched;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(50, result.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
