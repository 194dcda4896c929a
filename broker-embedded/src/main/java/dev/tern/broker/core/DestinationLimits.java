package dev.tern.broker.core;

import java.util.List;
import java.util.Objects;

/**
 * How much each destination may hold in the broker's memory and what a send meets beyond it: a
 * default, and rules for destinations by name (an exact name, or a prefix ending in {@code *}; the
 * first matching rule wins). A topic's limit applies to each of its subscriptions. Temporary
 * destinations get the default.
 *
 * @param defaultLimit what a destination without a rule gets
 * @param rules        limits for destinations by name, in order
 */
public record DestinationLimits(Limit defaultLimit, List<Rule> rules) {

    /** The default of {@code maxDestinationBytes}: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    /**
     * @param maxBytes what the destination may hold (bytes, estimated by {@link DestinationUsage#cost}); 0 = no limit
     * @param policy   what a send meets while the destination holds {@code maxBytes} or more
     */
    public record Limit(long maxBytes, FullPolicy policy) {
        public Limit {
            Objects.requireNonNull(policy, "policy");
            if (maxBytes < 0) {
                throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
            }
        }

        public boolean unlimited() {
            return maxBytes == 0;
        }
    }

    /** A limit for the destinations named {@code pattern} (or starting with it, if it ends in {@code *}). */
    public record Rule(String pattern, Limit limit) {
        public Rule {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(limit, "limit");
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty destination pattern");
            }
        }

        boolean matches(String name) {
            return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : name.equals(pattern);
        }
    }

    public DestinationLimits {
        Objects.requireNonNull(defaultLimit, "defaultLimit");
        rules = List.copyOf(rules);
    }

    /** 64 MiB per destination, BLOCK, no rules. */
    public static DestinationLimits defaults() {
        return new DestinationLimits(new Limit(DEFAULT_MAX_BYTES, FullPolicy.BLOCK), List.of());
    }

    /** No limit anywhere. */
    public static DestinationLimits none() {
        return new DestinationLimits(new Limit(0, FullPolicy.BLOCK), List.of());
    }

    /** The limit of the queue or topic called {@code name}; null (temporary destinations): the default. */
    public Limit limitFor(String name) {
        if (name != null) {
            for (int i = 0, n = rules.size(); i < n; i++) { // by index: this runs at each send
                Rule rule = rules.get(i);
                if (rule.matches(name)) {
                    return rule.limit();
                }
            }
        }
        return defaultLimit;
    }
}
