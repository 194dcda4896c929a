package dev.tern.bench;

/** A figure a scenario reports, and which way is better. */
public record Metric(String name, String unit, boolean higherIsBetter) {

    public static Metric rate(String name, String unit) {
        return new Metric(name, unit, true);
    }

    public static Metric cost(String name, String unit) {
        return new Metric(name, unit, false);
    }
}
