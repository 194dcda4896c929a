package dev.tern.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one run of one scenario on one column: metric name to value, in insertion order. */
public final class Measurement {

    private final Map<String, Double> values = new LinkedHashMap<>();

    public Measurement put(String metric, double value) {
        values.put(metric, value);
        return this;
    }

    public Map<String, Double> values() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
