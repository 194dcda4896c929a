package dev.tern.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Every measurement of a run, by scenario, transport and column; medians over the repetitions. */
public final class Results {

    /** One cell of the report. */
    public record Key(Scenario scenario, Transport transport, Column column) {
    }

    private final Map<Key, List<Measurement>> measurements = new LinkedHashMap<>();
    private final Map<Key, String> notRun = new LinkedHashMap<>();

    synchronized void add(Key key, Measurement measurement) {
        measurements.computeIfAbsent(key, k -> new ArrayList<>()).add(measurement);
    }

    synchronized void notRun(Key key, String reason) {
        notRun.putIfAbsent(key, reason);
    }

    public synchronized List<Measurement> measurements(Key key) {
        return measurements.getOrDefault(key, List.of());
    }

    /** Why the cell has no figure, or null. */
    public synchronized String notRunReason(Key key) {
        return notRun.get(key);
    }

    /** The median of a metric over the repetitions of a cell. */
    public synchronized OptionalDouble median(Key key, String metric) {
        double[] values = measurements(key).stream()
                .map(m -> m.values().get(metric))
                .filter(v -> v != null)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        int mid = values.length / 2;
        return OptionalDouble.of(values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2);
    }

    /** All values of a metric over the repetitions of a cell, in run order. */
    public synchronized double[] all(Key key, String metric) {
        return measurements(key).stream()
                .map(m -> m.values().get(metric))
                .filter(v -> v != null)
                .mapToDouble(Double::doubleValue)
                .toArray();
    }

    /** True if some repetition of the cell did not deliver everything it sent in time. */
    public synchronized boolean anyIncomplete(Key key) {
        return Arrays.stream(all(key, "incomplete")).anyMatch(v -> v > 0);
    }
}
