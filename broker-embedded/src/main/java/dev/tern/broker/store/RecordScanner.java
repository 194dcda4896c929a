package dev.tern.broker.store;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.IORuntimeException;

import java.nio.BufferUnderflowException;
import java.util.Arrays;

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
    private final CachedKey[] keys = new CachedKey[KEY_CACHE];

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

    /**
     * A queue key: found by its encoded bytes in a small cache (the same String as last time), else
     * decoded by Chronicle as {@link RecordCodec#read} decodes it.
     */
    private String readKey(long documentIndex) {
        long start = in.readPosition();
        long length = in.readStopBit();
        if (length < 0) {
            throw RecordCodec.corrupt(documentIndex, "a record without queue key");
        }
        if (length > in.readRemaining()) {
            throw RecordCodec.corrupt(documentIndex, "a queue key of " + length + " bytes with " + in.readRemaining()
                    + " left");
        }
        int from = (int) in.readPosition();
        int to = from + (int) length;
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + document[i];
        }
        int slot = (hash ^ hash >>> 16) & (KEY_CACHE - 1);
        CachedKey cached = keys[slot];
        if (cached != null && Arrays.equals(cached.utf8, 0, cached.utf8.length, document, from, to)) {
            in.readPosition(to);
            return cached.key;
        }
        in.readPosition(start);
        String key = in.readUtf8();
        keys[slot] = new CachedKey(Arrays.copyOfRange(document, from, to), key);
        return key;
    }

    private record CachedKey(byte[] utf8, String key) {
    }
}
