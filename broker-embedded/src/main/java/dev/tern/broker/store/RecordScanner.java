package dev.tern.broker.store;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.IORuntimeException;

import java.nio.BufferUnderflowException;

/**
 * Reads journal documents field by field for the compaction follower, which needs every record but
 * no message body: a body's fixed header (priority, expiration, delivery time) is read and the rest
 * skipped in place; no record objects are made and queue keys come from a small cache. The same
 * layout and checks as {@link RecordCodec#read} (checksum first, then each record), with one buffer
 * reused for every document.
 *
 * <p>Not thread-safe: one per follower.
 */
final class RecordScanner {

    /** Bytes of a body handed to {@link Sink#messageStored}: enough for its fixed header. */
    static final int HEAD_BYTES = 32;
    private static final int KEPT_BUFFER = 1 << 20;
    private static final int KEY_CACHE = 64;

    /** Receives one document's records, in order. */
    interface Sink {
        /** {@code head} holds the body's first {@code min(bodyLength, HEAD_BYTES)} bytes, only for this call. */
        void messageStored(long sequence, byte[] head, int bodyLength);

        void messageMoved(long sequence);

        void enqueued(String queueKey, long sequence);

        void acknowledged(String queueKey, long sequence);

        void subscriptionCreated(SubscriptionCreated subscription);

        void subscriptionRemoved(String queueKey);

        void delivered(String queueKey, long highestSequence);

        void deliveryCounted(String queueKey, long sequence, int count);
    }

    private byte[] document = new byte[4096];
    private Bytes<byte[]> in = wrap(document);
    private final byte[] head = new byte[HEAD_BYTES];
    private final StringBuilder key = new StringBuilder();
    private final String[] keys = new String[KEY_CACHE];

    /**
     * Gives the sink every record of a document's content. A damaged document throws
     * {@link RecordCodec.DamagedDocumentException}: before any record when its checksum fails, else
     * after the records before the malformed one (the follower stops at it).
     */
    void scan(long documentIndex, Bytes<?> mapped, Sink sink) {
        int length = (int) mapped.readRemaining();
        if (length > document.length) {
            document = new byte[Math.max(length, document.length * 2)];
            in = wrap(document);
        }
        // A heap copy, read sequentially (safe across mapping chunks), that the checksum can go over.
        mapped.read(document, 0, length);
        in.readPositionRemaining(0, length);
        long count = RecordCodec.readHeader(documentIndex, in, true);
        for (long i = 0; i < count; i++) {
            try {
                scanRecord(documentIndex, sink);
            } catch (BufferUnderflowException | IORuntimeException | ArithmeticException e) {
                throw RecordCodec.corrupt(documentIndex, "record " + i + " is cut short or malformed (" + e + ")");
            }
        }
        if (document.length > KEPT_BUFFER) {
            document = new byte[4096]; // do not keep a huge message's buffer for ever
            in = wrap(document);
        }
    }

    private void scanRecord(long documentIndex, Sink sink) {
        int type = in.readUnsignedByte();
        switch (type) {
            case RecordCodec.MESSAGE_STORED: {
                long sequence = in.readLong();
                int length = RecordCodec.readLength(documentIndex, in);
                int n = Math.min(length, HEAD_BYTES);
                in.read(head, 0, n);
                in.readSkip(length - n);
                sink.messageStored(sequence, head, length);
                return;
            }
            case RecordCodec.MESSAGE_MOVED: {
                long sequence = in.readLong();
                in.readSkip(RecordCodec.readLength(documentIndex, in));
                sink.messageMoved(sequence);
                return;
            }
            case RecordCodec.ENQUEUED:
                sink.enqueued(readKey(documentIndex), in.readLong());
                return;
            case RecordCodec.ACKNOWLEDGED:
                sink.acknowledged(readKey(documentIndex), in.readLong());
                return;
            case RecordCodec.SUBSCRIPTION_REMOVED:
                sink.subscriptionRemoved(readKey(documentIndex));
                return;
            case RecordCodec.DELIVERED:
                sink.delivered(readKey(documentIndex), in.readLong());
                return;
            case RecordCodec.DELIVERY_COUNTED: {
                String queueKey = readKey(documentIndex);
                long sequence = in.readLong();
                sink.deliveryCounted(queueKey, sequence, RecordCodec.readCount(documentIndex, in));
                return;
            }
            default:
                // rare (subscriptions) or an error: decoded as the replay does
                in.readPosition(in.readPosition() - 1);
                JournalRecord record = RecordCodec.readRecord(documentIndex, in, false);
                if (record instanceof SubscriptionCreated s) {
                    sink.subscriptionCreated(s);
                } else {
                    throw new IllegalStateException("Unexpected journal record " + record);
                }
        }
    }

    /** Made on the thread that creates the follower, used on the compaction thread. */
    private static Bytes<byte[]> wrap(byte[] document) {
        Bytes<byte[]> bytes = Bytes.wrapForRead(document);
        bytes.singleThreadedCheckDisabled(true);
        return bytes;
    }

    /** A queue key, the same String as last time it was read while it stays in the cache. */
    private String readKey(long documentIndex) {
        if (!in.readUtf8(key)) {
            throw RecordCodec.corrupt(documentIndex, "a record without queue key");
        }
        int hash = 0;
        for (int i = 0, n = key.length(); i < n; i++) {
            hash = 31 * hash + key.charAt(i);
        }
        int slot = (hash ^ hash >>> 16) & (KEY_CACHE - 1);
        String cached = keys[slot];
        if (cached != null && cached.contentEquals(key)) {
            return cached;
        }
        String read = key.toString();
        keys[slot] = read;
        return read;
    }
}
