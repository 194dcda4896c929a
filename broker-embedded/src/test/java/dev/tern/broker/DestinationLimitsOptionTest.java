package dev.tern.broker;

import dev.tern.broker.core.DestinationLimits;
import dev.tern.broker.core.FullPolicy;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options maxDestinationBytes, destinationFullPolicy and destinationLimits. */
class DestinationLimitsOptionTest {

    private static DestinationLimits limits(Map<String, String> options) {
        return BrokerConfig.fromOptions("limits", options).destinationLimits();
    }

    @Test
    void byDefaultEveryDestinationMayHold64MiBAndASendBlocks() {
        DestinationLimits.Limit limit = limits(Map.of()).limitFor("anything");
        assertEquals(64L << 20, limit.maxBytes());
        assertEquals(FullPolicy.BLOCK, limit.policy());
    }

    @Test
    void theDefaultAndRulesByNameOrPrefixFirstMatchWins() {
        DestinationLimits limits = limits(Map.of("maxDestinationBytes", "10m", "destinationFullPolicy", "fail",
                "destinationLimits", "orders:1k:BLOCK, prices.*:2m , prices.eu:5m, a:b:3k"));
        assertEquals(new DestinationLimits.Limit(10L << 20, FullPolicy.FAIL), limits.limitFor("invoices"));
        assertEquals(new DestinationLimits.Limit(1024, FullPolicy.BLOCK), limits.limitFor("orders"));
        assertEquals(new DestinationLimits.Limit(2L << 20, FullPolicy.FAIL), limits.limitFor("prices.eu"),
                "the prefix comes first; no policy given: the default policy");
        assertEquals(new DestinationLimits.Limit(3072, FullPolicy.FAIL), limits.limitFor("a:b"), "a name with a colon");
        assertEquals(limits.defaultLimit(), limits.limitFor(null));
    }

    @Test
    void zeroMeansNoLimit() {
        assertTrue(limits(Map.of("maxDestinationBytes", "0")).limitFor("q").unlimited());
    }

    @Test
    void badValuesNameTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> limits(Map.of("destinationFullPolicy", "DROP")));
        assertTrue(e.getMessage().contains("destinationFullPolicy"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> limits(Map.of("destinationLimits", "orders")));
        assertTrue(e.getMessage().contains("destinationLimits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> limits(Map.of("destinationLimits", "orders:lots")));
        assertTrue(e.getMessage().contains("destinationLimits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> limits(Map.of("maxDestinationBytes", "-1")));
        assertTrue(e.getMessage().contains("maxDestinationBytes"), e.getMessage());
    }
}
