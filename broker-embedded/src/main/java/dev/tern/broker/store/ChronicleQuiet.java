package dev.tern.broker.store;

/**
 * Keeps Chronicle from phoning home and from picking up stray configuration. Must run before any
 * Chronicle class is initialised, because Chronicle reads these properties in static initialisers;
 * {@link Journal} calls it from its own static initialiser. Values already set (with {@code -D})
 * are left alone.
 *
 * <ul>
 *   <li>{@code chronicle.analytics.disable=true}: no usage events to Google Analytics and no
 *       {@code ~/.chronicle.analytics*} file.</li>
 *   <li>{@code chronicle.announcer.disable=true}: no start-up banner in the broker's log.</li>
 *   <li>{@code system.properties}: Chronicle's {@code Jvm} class otherwise loads any
 *       {@code system.properties} file it finds in the working directory, its parent, or on the
 *       class path into the system properties. We point it at a resource of our own instead,
 *       which only repeats the two settings above.</li>
 * </ul>
 */
public final class ChronicleQuiet {

    /** The resource Chronicle loads instead of {@code ./system.properties}. */
    static final String SYSTEM_PROPERTIES_RESOURCE = "dev/tern/broker/store/chronicle-system.properties";

    private ChronicleQuiet() {
    }

    /** Sets the properties that are not set yet. Idempotent and cheap; call it as early as possible. */
    public static void apply() {
        setIfAbsent("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
        setIfAbsent("system.properties", SYSTEM_PROPERTIES_RESOURCE);
    }

    private static void setIfAbsent(String key, String value) {
        System.getProperties().putIfAbsent(key, value);
    }
}
