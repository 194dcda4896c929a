package dev.tern.broker.store;

import java.nio.file.Path;
import java.util.List;

/**
 * Child JVM of {@link ChronicleQuietTest}, started without any -D properties: opens a journal,
 * appends, replays, and prints the properties Chronicle would have been affected by.
 */
public final class QuietChronicleChild {

    private QuietChronicleChild() {
    }

    public static void main(String[] args) throws Exception {
        // The first thing this JVM does with Chronicle goes through Journal, as in the broker.
        try (Journal journal = Journal.open(Path.of(args[0]), JournalOptions.defaults())) {
            journal.append(List.of(new MessageStored(1, new byte[]{1, 2, 3})));
            int[] count = new int[1];
            journal.replay((index, record) -> count[0]++);
            System.out.println("records=" + count[0]);
        }
        System.out.println("analytics.disable=" + System.getProperty("chronicle.analytics.disable"));
        System.out.println("announcer.disable=" + System.getProperty("chronicle.announcer.disable"));
        System.out.println("stray=" + System.getProperty("tern.test.stray"));
        System.out.flush();
    }
}
