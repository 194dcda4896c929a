package dev.tern.broker.store;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.IORuntimeException;

import java.nio.BufferUnderflowException;

import java.util.List;

/**
 * The binary layout of a journal document:
 * <pre>
 *   document := format:byte count:stopbit record* crc:int   (format 2; format 1 has no crc)
 *   record   := type:byte fields
 *   MessageStored       (1) sequence:long length:stopbit body:byte[length]
 *   Enqueued            (2) queueKey:utf8 sequence:long
 *   Acknowledged        (3) queueKey:utf8 sequence:long
 *   SubscriptionCreated (4) queueKey:utf8 topic:utf8 clientId:utf8 name:utf8 selector:utf8 flags:byte
 *   SubscriptionRemoved (5) queueKey:utf8
 *   Delivered           (6) queueKey:utf8 highestSequence:long
 *   DeliveryCounted     (7) queueKey:utf8 sequence:long count:stopbit
 *   MessageMoved        (8) sequence:long length:stopbit body:byte[length]   (a live message copied forward)
 * </pre>
 * The CRC-32C covers the document from its format byte on: Chronicle frames documents (a kill
 * mid-write leaves no half document) but cannot tell a file cut short or overwritten below it.
 * Strings are Chronicle's stop-bit length + UTF-8, where null is length -1. Types and the format
 * byte are never reused with another meaning; a new field means a new type or a new format.
 */
final class RecordCodec {

    /** The format byte of documents without a checksum (still read). */
    static final byte FORMAT_PLAIN = 1;
    /** The format byte of the documents this version writes: as {@link #FORMAT_PLAIN}, then a CRC-32C. */
    static final byte DOCUMENT_FORMAT = 2;
    private static final int CRC_BYTES = 4;
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final ThreadLocal<Bytes<byte[]>> ENCODE_BUFFER =
            ThreadLocal.withInitial(() -> Bytes.allocateElasticOnHeap(4096));

    /** One per thread: a checksum per document read or written otherwise allocates one. */
    private static final ThreadLocal<java.util.zip.CRC32C> CRC = ThreadLocal.withInitial(java.util.zip.CRC32C::new);

    static final byte MESSAGE_STORED = 1;
    static final byte ENQUEUED = 2;
    static final byte ACKNOWLEDGED = 3;
    static final byte SUBSCRIPTION_CREATED = 4;
    static final byte SUBSCRIPTION_REMOVED = 5;
    static final byte DELIVERED = 6;
    static final byte DELIVERY_COUNTED = 7;
    static final byte MESSAGE_MOVED = 8;

    private static final int FLAG_NO_LOCAL = 1;
    private static final int FLAG_SHARED = 2;

    private RecordCodec() {
    }

    /** Writes the records as one document's content. */
    static void write(List<JournalRecord> records, Bytes<?> out) {
        // Encoded on the heap first: the checksum needs the bytes again, and random access into a
        // mapped Chronicle document is not safe where it crosses a mapping chunk (seen: SIGSEGV).
        Bytes<byte[]> buffer = ENCODE_BUFFER.get();
        buffer.clear();
        buffer.writeByte(DOCUMENT_FORMAT);
        int count = records.size();
        buffer.writeStopBit(count);
        if (records instanceof java.util.RandomAccess) {
            for (int i = 0; i < count; i++) { // no iterator per document
                writeRecord(records.get(i), buffer);
            }
        } else {
            for (JournalRecord record : records) {
                writeRecord(record, buffer);
            }
        }
        buffer.writeInt(crc(buffer.underlyingObject(), 0, (int) buffer.writePosition()));
        out.write(buffer);
        if (buffer.realCapacity() > MAX_KEPT_BUFFER) {
            ENCODE_BUFFER.remove(); // do not keep a huge message's buffer for ever
        }
    }

    /** CRC-32C: catches a tail cut off or overwritten below Chronicle's framing. */
    private static int crc(byte[] bytes, int from, int to) {
        java.util.zip.CRC32C crc = CRC.get();
        crc.reset();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    private static void writeRecord(JournalRecord record, Bytes<?> out) {
        if (record instanceof MessageStored m) {
            out.writeByte(MESSAGE_STORED);
            out.writeLong(m.sequence());
            out.writeStopBit(m.message().length);
            out.write(m.message());
        } else if (record instanceof MessageMoved m) {
            out.writeByte(MESSAGE_MOVED);
            out.writeLong(m.sequence());
            out.writeStopBit(m.message().length);
            out.write(m.message());
        } else if (record instanceof Enqueued e) {
            out.writeByte(ENQUEUED);
            out.writeUtf8(e.queueKey());
            out.writeLong(e.sequence());
        } else if (record instanceof Acknowledged a) {
            out.writeByte(ACKNOWLEDGED);
            out.writeUtf8(a.queueKey());
            out.writeLong(a.sequence());
        } else if (record instanceof SubscriptionCreated s) {
            out.writeByte(SUBSCRIPTION_CREATED);
            out.writeUtf8(s.queueKey());
            out.writeUtf8(s.topic());
            out.writeUtf8(s.clientId());
            out.writeUtf8(s.subscriptionName());
            out.writeUtf8(s.selector());
            out.writeByte((byte) ((s.noLocal() ? FLAG_NO_LOCAL : 0) | (s.shared() ? FLAG_SHARED : 0)));
        } else if (record instanceof SubscriptionRemoved r) {
            out.writeByte(SUBSCRIPTION_REMOVED);
            out.writeUtf8(r.queueKey());
        } else if (record instanceof Delivered d) {
            out.writeByte(DELIVERED);
            out.writeUtf8(d.queueKey());
            out.writeLong(d.highestSequence());
        } else if (record instanceof DeliveryCounted c) {
            out.writeByte(DELIVERY_COUNTED);
            out.writeUtf8(c.queueKey());
            out.writeLong(c.sequence());
            out.writeStopBit(c.count());
        } else {
            throw new IllegalArgumentException("Unknown journal record " + record);
        }
    }

    /**
     * Reads every record of a document's content, in order: all of them or, if the document is
     * damaged, none ({@link DamagedDocumentException}).
     */
    static List<JournalRecord> read(long documentIndex, Bytes<?> mapped) {
        // A heap copy, read sequentially (safe across mapping chunks), that the checksum can go over.
        byte[] document = new byte[(int) mapped.readRemaining()];
        mapped.read(document);
        Bytes<byte[]> in = Bytes.wrapForRead(document);
        long count = readHeader(documentIndex, in, true);
        List<JournalRecord> records = new java.util.ArrayList<>((int) Math.min(count, 1024));
        for (long i = 0; i < count; i++) {
            try {
                records.add(readRecord(documentIndex, in, true));
            } catch (BufferUnderflowException | IORuntimeException | ArithmeticException e) {
                throw corrupt(documentIndex, "record " + i + " is cut short or malformed (" + e + ")");
            }
        }
        return records;
    }

    /**
     * The body of the {@link MessageStored} record with that sequence in a document's content, or
     * null if the document holds none. Other records are skipped without copying bodies.
     */
    static byte[] findMessage(long documentIndex, Bytes<?> in, long sequence) {
        try {
            return findMessage0(documentIndex, in, sequence);
        } catch (BufferUnderflowException | IORuntimeException | ArithmeticException e) {
            throw corrupt(documentIndex, "a record is cut short or malformed (" + e + ")");
        }
    }

    private static byte[] findMessage0(long documentIndex, Bytes<?> in, long sequence) {
        byte[][] found = new byte[1][];
        findMessages0(documentIndex, in, new long[] {sequence}, found);
        return found[0];
    }

    /**
     * The bodies of the {@link MessageStored} records with those sequences (ascending) in a document's
     * content, one pass over it, into {@code bodies} (same positions; left null where the document
     * holds none); returns how many were found. A transaction's document holds many messages, each
     * followed by its {@code Enqueued}: looking them up one at a time went over the document again for
     * each. Other records are skipped without copying bodies or decoding keys.
     */
    static int findMessages(long documentIndex, Bytes<?> in, long[] sequences, byte[][] bodies) {
        try {
            return findMessages0(documentIndex, in, sequences, bodies);
        } catch (BufferUnderflowException | IORuntimeException | ArithmeticException e) {
            throw corrupt(documentIndex, "a record is cut short or malformed (" + e + ")");
        }
    }

    private static int findMessages0(long documentIndex, Bytes<?> in, long[] sequences, byte[][] bodies) {
        long count = readHeader(documentIndex, in, false); // checked at replay; this is the delivery path
        int found = 0;
        for (long i = 0; i < count && found < sequences.length; i++) {
            int type = in.readUnsignedByte();
            if (type == MESSAGE_STORED || type == MESSAGE_MOVED) {
                long sequence = in.readLong();
                int length = readLength(documentIndex, in);
                int at = java.util.Arrays.binarySearch(sequences, sequence);
                if (at >= 0 && bodies[at] == null) {
                    bodies[at] = readBody(in, length);
                    found++;
                } else {
                    in.readSkip(length);
                }
            } else {
                skipFields(documentIndex, type, in);
            }
        }
        return found;
    }

    /** Skips the fields of a record other than a message (its type byte already read). */
    private static void skipFields(long documentIndex, int type, Bytes<?> in) {
        switch (type) {
            case ENQUEUED, ACKNOWLEDGED, DELIVERED -> {
                skipString(documentIndex, in);
                in.readSkip(Long.BYTES);
            }
            case SUBSCRIPTION_CREATED -> {
                for (int s = 0; s < 5; s++) {
                    skipString(documentIndex, in);
                }
                in.readSkip(1);
            }
            case SUBSCRIPTION_REMOVED -> skipString(documentIndex, in);
            case DELIVERY_COUNTED -> {
                skipString(documentIndex, in);
                in.readSkip(Long.BYTES);
                in.readStopBit();
            }
            case 0 -> throw corrupt(documentIndex, "zeros where a record should start (cut off)");
            default -> throw new IllegalStateException("Journal document " + describe(documentIndex)
                    + " holds a record of unknown type " + type
                    + " (written by a newer broker, or damaged); refusing to continue");
        }
    }

    /** Skips a string: Chronicle's stop-bit length in UTF-8 bytes (-1 for null), then the bytes. */
    private static void skipString(long documentIndex, Bytes<?> in) {
        long length = in.readStopBit();
        if (length < -1 || length > in.readRemaining()) {
            throw corrupt(documentIndex, "string length " + length + " with " + in.readRemaining() + " bytes left");
        }
        if (length > 0) {
            in.readSkip(length);
        }
    }

    static long readHeader(long documentIndex, Bytes<?> in, boolean verifyChecksum) {
        if (in.readRemaining() < 1) {
            throw corrupt(documentIndex, "it is empty");
        }
        long start = in.readPosition();
        byte format = in.readByte();
        if (format == 0) {
            throw corrupt(documentIndex, "it is zeros (cut off)");
        }
        if (format != DOCUMENT_FORMAT && format != FORMAT_PLAIN) {
            throw new IllegalStateException("Journal document " + describe(documentIndex) + " has format " + format
                    + "; this broker reads formats " + FORMAT_PLAIN + " and " + DOCUMENT_FORMAT);
        }
        if (format == DOCUMENT_FORMAT && verifyChecksum) {
            // only ever on a heap copy (see read): random access into mapped documents is unsafe
            long end = in.readLimit() - CRC_BYTES;
            if (end <= in.readPosition()) {
                throw corrupt(documentIndex, "too short for its checksum");
            }
            byte[] document = (byte[]) in.underlyingObject();
            if (crc(document, (int) start, (int) end) != in.readInt(end)) {
                throw corrupt(documentIndex, "checksum mismatch (cut off or overwritten)");
            }
        }
        long count = in.readRemaining() > 0 ? in.readStopBit() : -1;
        if (count < 0 || count > in.readRemaining()) {
            throw corrupt(documentIndex, "record count " + count);
        }
        return count;
    }

    /** Reads one record; with {@code copyBodies} false, message bodies are skipped and null is returned for them. */
    static JournalRecord readRecord(long documentIndex, Bytes<?> in, boolean copyBodies) {
        int type = in.readUnsignedByte();
        switch (type) {
            case MESSAGE_STORED: {
                long sequence = in.readLong();
                int length = readLength(documentIndex, in);
                if (!copyBodies) {
                    in.readSkip(length);
                    return null;
                }
                return new MessageStored(sequence, readBody(in, length));
            }
            case MESSAGE_MOVED: {
                long sequence = in.readLong();
                int length = readLength(documentIndex, in);
                if (!copyBodies) {
                    in.readSkip(length);
                    return null;
                }
                return new MessageMoved(sequence, readBody(in, length));
            }
            case ENQUEUED:
                return new Enqueued(requireKey(documentIndex, in.readUtf8()), in.readLong());
            case ACKNOWLEDGED:
                return new Acknowledged(requireKey(documentIndex, in.readUtf8()), in.readLong());
            case SUBSCRIPTION_CREATED: {
                String key = requireKey(documentIndex, in.readUtf8());
                String topic = in.readUtf8();
                String clientId = in.readUtf8();
                String name = in.readUtf8();
                String selector = in.readUtf8();
                int flags = in.readUnsignedByte();
                return new SubscriptionCreated(key, topic, clientId, name, selector,
                        (flags & FLAG_NO_LOCAL) != 0, (flags & FLAG_SHARED) != 0);
            }
            case SUBSCRIPTION_REMOVED:
                return new SubscriptionRemoved(requireKey(documentIndex, in.readUtf8()));
            case DELIVERED:
                return new Delivered(requireKey(documentIndex, in.readUtf8()), in.readLong());
            case DELIVERY_COUNTED: {
                String key = requireKey(documentIndex, in.readUtf8());
                long sequence = in.readLong();
                return new DeliveryCounted(key, sequence, readCount(documentIndex, in));
            }
            case 0:
                throw corrupt(documentIndex, "zeros where a record should start (cut off)");
            default:
                throw new IllegalStateException("Journal document " + describe(documentIndex)
                        + " holds a record of unknown type " + type
                        + " (written by a newer broker, or damaged); refusing to continue");
        }
    }

    static int readLength(long documentIndex, Bytes<?> in) {
        long length = in.readStopBit();
        if (length < 0 || length > in.readRemaining()) {
            throw corrupt(documentIndex, "message length " + length + " with " + in.readRemaining() + " bytes left");
        }
        return (int) length;
    }

    static int readCount(long documentIndex, Bytes<?> in) {
        long count = in.readStopBit();
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw corrupt(documentIndex, "delivery count " + count);
        }
        return (int) count;
    }

    private static byte[] readBody(Bytes<?> in, int length) {
        byte[] body = new byte[length];
        in.read(body);
        return body;
    }

    private static String requireKey(long documentIndex, String key) {
        if (key == null) {
            throw corrupt(documentIndex, "a record without queue key");
        }
        return key;
    }

    static DamagedDocumentException corrupt(long documentIndex, String what) {
        return new DamagedDocumentException("Journal document " + describe(documentIndex) + " is damaged: " + what);
    }

    /** A document whose bytes do not decode: torn or overwritten (not one of another format). */
    static final class DamagedDocumentException extends IllegalStateException {
        DamagedDocumentException(String message) {
            super(message);
        }
    }

    static String describe(long documentIndex) {
        return "0x" + Long.toHexString(documentIndex);
    }
}
