package dev.tern.broker.store;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

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
        if (args.length > 1 && args[1].equals("half")) {
            appendThenStopHalfWay(Path.of(args[0]));
            return;
        }
        Journal journal = Journal.open(Path.of(args[0]), JournalOptions.defaults());
        for (long n = 0; ; n++) {
            journal.append(document(n));
            if (n == 2_000) {
                System.out.println("APPENDING");
                System.out.flush();
            }
        }
    }

    /**
     * Appends documents 0..99, then starts document 100 with Chronicle directly, writes half of it,
     * prints "HALF" and waits to be killed with the document open.
     */
    private static void appendThenStopHalfWay(Path dir) throws Exception {
        try (Journal journal = Journal.open(dir, JournalOptions.defaults())) {
            for (long n = 0; n < 100; n++) {
                journal.append(document(n));
            }
        }
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(RollCycleNames.resolve(JournalOptions.DEFAULT_ROLL_CYCLE)).build();
        ExcerptAppender appender = queue.createAppender();
        DocumentContext dc = appender.writingDocument();
        Bytes<?> bytes = dc.wire().bytes();
        bytes.writeByte(RecordCodec.DOCUMENT_FORMAT);
        bytes.writeStopBit(3);
        bytes.writeByte(RecordCodec.MESSAGE_STORED);
        bytes.writeLong(100);
        bytes.writeStopBit(10_000);
        bytes.write(new byte[5_000]);
        System.out.println("HALF");
        System.out.flush();
        Thread.sleep(60_000);
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
