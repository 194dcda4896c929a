package dev.tern.broker.store;

import java.nio.file.Path;
import java.util.List;

/**
 * Child JVM of {@link JournalCrashTest}: appends numbered three-record documents until killed.
 * Prints "APPENDING" once some are written.
 */
public final class CrashingAppender {

    private CrashingAppender() {
    }

    public static void main(String[] args) throws Exception {
        Journal journal = Journal.open(Path.of(args[0]), JournalOptions.defaults());
        for (long n = 0; ; n++) {
            journal.append(document(n));
            if (n == 2_000) {
                System.out.println("APPENDING");
                System.out.flush();
            }
        }
    }

    /** Document n: its message body, an enqueue and an acknowledgement, all naming n. */
    static List<JournalRecord> document(long n) {
        return List.of(new MessageStored(n, body(n)), new Enqueued("queue", n), new Acknowledged("queue-" + (n % 7), n));
    }

    /** Bodies of varied sizes (up to ~20 KiB) so that kills land mid-document. */
    static byte[] body(long n) {
        byte[] body = new byte[(int) (16 + (n * 7919) % 20_000)];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (n + i);
        }
        return body;
    }
}
