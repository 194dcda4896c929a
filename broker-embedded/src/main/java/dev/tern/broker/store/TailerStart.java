package dev.tern.broker.store;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.function.Supplier;

/** Where a journal reader starts: replay and the compaction follower read on from the same places. */
final class TailerStart {

    private TailerStart() {
    }

    /**
     * Puts the tailer just after the document at {@code position} (one that is already applied), or at
     * the start of the journal if {@code position} is negative.
     *
     * @param missing the message of the {@code IllegalStateException} when that document is not there
     */
    static void after(ExcerptTailer tailer, long position, Supplier<String> missing) {
        if (position < 0) {
            tailer.toStart();
            return;
        }
        if (!tailer.moveToIndex(position)) {
            throw new IllegalStateException(missing.get());
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            // the document at position: already applied
        }
    }
}
