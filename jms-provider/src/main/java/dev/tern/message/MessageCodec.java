package dev.tern.message;

import dev.tern.client.TernDestination;
import dev.tern.transport.DestinationRef;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The one binary form of a message, used on the wire and in the store: the broker reads the
 * header with {@link #readHeader(byte[])} and keeps the bytes as they came.
 *
 * <pre>
 * offset  size  field
 *  0      1     format version (1)
 *  1      1     body type: 0 none, 1 text, 2 bytes, 3 map, 4 object, 5 stream
 *  2      1     flags: bit 0 = persistent
 *  3      1     JMSPriority (0-9)
 *  4      8     JMSTimestamp
 * 12      8     JMSExpiration (0 = never)
 * 20      8     JMSDeliveryTime (0 = at once)
 * 28      ...   JMSMessageID (string), JMSDestination (destination),
 *               then JMSCorrelationID (byte 0 none, 1 string, 2 bytes), JMSReplyTo (destination),
 *               JMSType (string), properties (count, then name string and value each), body
 * </pre>
 * Numbers are big-endian. A string is a varint of its UTF-8 length + 1 (0 = null) and the UTF-8;
 * a destination is a byte (0 = none, else {@link DestinationRef.Kind} ordinal + 1) and a name
 * string. A value is a type tag ({@link ValueTag}) and its bytes. Bodies: text a string; bytes a
 * varint length and the bytes; map a varint count and name-value pairs; object a varint length + 1
 * (0 = null) and the Java serialization; stream a varint count and values.
 * {@code JMSRedelivered} and {@code JMSXDeliveryCount} are not encoded: they belong to one
 * delivery and travel with it ({@code dev.tern.transport.Delivery}).
 */
public final class MessageCodec {

    /** The version this class writes and the only one it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final int BODY_TYPE_OFFSET = 1;
    private static final int FLAGS_OFFSET = 2;
    private static final int PRIORITY_OFFSET = 3;
    private static final int TIMESTAMP_OFFSET = 4;
    private static final int EXPIRATION_OFFSET = 12;
    private static final int DELIVERY_TIME_OFFSET = 20;
    private static final int FIXED_SIZE = 28;

    private static final int FLAG_PERSISTENT = 1;
    private static final int CORRELATION_NONE = 0;
    private static final int CORRELATION_STRING = 1;
    private static final int CORRELATION_BYTES = 2;

    private static final DestinationRef.Kind[] KINDS = DestinationRef.Kind.values();
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private MessageCodec() {
    }

    /**
     * Encodes a message; another provider's message is first copied with {@link TernMessage#copyOf}.
     * {@code MessageFormatException} if {@code JMSPriority} is outside 0-9;
     * {@code InvalidDestinationException} if a destination is neither a queue nor a topic.
     */
    public static byte[] encode(Message message) throws JMSException {
        TernMessage m = message instanceof TernMessage tern ? tern : TernMessage.copyOf(message);
        int priority = m.getJMSPriority();
        if (priority < 0 || priority > 9) {
            throw new MessageFormatException("JMSPriority must be 0 to 9, not " + priority);
        }
        WireWriter out = ScratchWriter.acquire(96 + 16 * m.properties().size() + m.bodySizeHint());
        try {
            write(m, priority, out);
            return out.toByteArray(); // the only allocation of the bytes: exactly their size
        } finally {
            ScratchWriter.release(out);
        }
    }

    private static void write(TernMessage m, int priority, WireWriter out) throws JMSException {
        out.writeByte(FORMAT_VERSION);
        out.writeByte(m.bodyType().code);
        out.writeByte(m.getJMSDeliveryMode() == DeliveryMode.PERSISTENT ? FLAG_PERSISTENT : 0);
        out.writeByte(priority);
        out.writeLong(m.getJMSTimestamp());
        out.writeLong(m.getJMSExpiration());
        out.writeLong(m.getJMSDeliveryTime());
        m.writeMessageId(out);
        writeDestination(out, m.getJMSDestination());
        writeCorrelationId(out, m.rawCorrelationId());
        writeDestination(out, m.getJMSReplyTo());
        out.writeString(m.getJMSType());
        m.properties().encode(out);
        m.encodeBody(out);
    }

    /**
     * The message as a consumer receives it: properties and body read-only, a bytes or stream body
     * ready to read from the start. A bytes body is read in place from {@code data}, which must not
     * change afterwards. {@code MessageFormatException} for malformed data or another format version.
     */
    public static TernMessage decode(byte[] data) throws JMSException {
        try {
            return read(data);
        } catch (IllegalArgumentException e) {
            throw FormatErrors.formatError("cannot decode message: " + e.getMessage(), e);
        }
    }

    /**
     * The header fields the broker needs, read at fixed offsets without touching properties or body.
     * {@code IllegalArgumentException} for data too short, of another format version, or with a
     * malformed message id or destination.
     */
    public static MessageHeader readHeader(byte[] data) {
        return readHeader(data, true);
    }

    /**
     * As {@link #readHeader(byte[])}, but the message id is only skipped (and null in the result):
     * what the broker routes by, without building a string per message. The destination object is
     * shared with the previous message read on this thread when it names the same destination.
     */
    public static MessageHeader readRoutingHeader(byte[] data) {
        return readHeader(data, false);
    }

    /**
     * The destination of an encoded message, after the checks {@link #readHeader(byte[])} makes
     * (same exceptions); with {@link #isPersistent}, {@link #priority}, {@link #expiration} and
     * {@link #deliveryTime}, what the broker routes by, read without building a header object. The
     * destination object is shared with the previous message read on this thread if it names the same.
     */
    public static DestinationRef readDestination(byte[] data) {
        checkVersion(data);
        checkedPriority(data);
        WireReader in = new WireReader(data, FIXED_SIZE, data.length - FIXED_SIZE);
        int idPrefix = in.readVarInt();
        in.skip(idPrefix == 0 ? 0 : idPrefix - 1);
        return readDestinationRef(in);
    }

    /** {@code JMSDeliveryMode == PERSISTENT} of an encoded message (checked by {@link #readDestination}). */
    public static boolean isPersistent(byte[] data) {
        return (data[FLAGS_OFFSET] & FLAG_PERSISTENT) != 0;
    }

    /** {@code JMSPriority} of an encoded message (checked by {@link #readDestination}). */
    public static int priority(byte[] data) {
        return data[PRIORITY_OFFSET];
    }

    /** {@code JMSExpiration} of an encoded message, 0 = never. */
    public static long expiration(byte[] data) {
        return (long) LONG.get(data, EXPIRATION_OFFSET);
    }

    /** {@code JMSDeliveryTime} of an encoded message, 0 = at once. */
    public static long deliveryTime(byte[] data) {
        return (long) LONG.get(data, DELIVERY_TIME_OFFSET);
    }

    private static MessageHeader readHeader(byte[] data, boolean withMessageId) {
        checkVersion(data);
        int priority = checkedPriority(data);
        WireReader in = new WireReader(data, FIXED_SIZE, data.length - FIXED_SIZE);
        String messageId = null;
        if (withMessageId) {
            messageId = in.readString();
        } else {
            int prefix = in.readVarInt();
            in.skip(prefix == 0 ? 0 : prefix - 1);
        }
        DestinationRef destination = readDestinationRef(in);
        return new MessageHeader(messageId, destination,
                (data[FLAGS_OFFSET] & FLAG_PERSISTENT) != 0,
                priority,
                (long) LONG.get(data, TIMESTAMP_OFFSET),
                (long) LONG.get(data, EXPIRATION_OFFSET),
                (long) LONG.get(data, DELIVERY_TIME_OFFSET));
    }

    private static void checkVersion(byte[] data) {
        if (data == null || data.length < FIXED_SIZE) {
            throw new IllegalArgumentException("not a Tern message: " + (data == null ? "null" : data.length + " bytes"));
        }
        if (data[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported message format version " + (data[0] & 0xFF)
                    + "; this Tern reads version " + FORMAT_VERSION);
        }
    }

    private static int checkedPriority(byte[] data) {
        int priority = data[PRIORITY_OFFSET];
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority " + priority + " outside 0-9");
        }
        return priority;
    }

    private static TernMessage read(byte[] data) {
        checkVersion(data);
        TernMessage m = BodyType.ofCode(data[BODY_TYPE_OFFSET]).newMessage();
        int flags = data[FLAGS_OFFSET];
        if ((flags & ~FLAG_PERSISTENT) != 0) {
            throw new IllegalArgumentException("unknown flags " + flags);
        }
        int priority = checkedPriority(data);
        m.setJMSDeliveryMode((flags & FLAG_PERSISTENT) != 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(priority);
        m.setJMSTimestamp((long) LONG.get(data, TIMESTAMP_OFFSET));
        m.setJMSExpiration((long) LONG.get(data, EXPIRATION_OFFSET));
        m.setJMSDeliveryTime((long) LONG.get(data, DELIVERY_TIME_OFFSET));

        WireReader in = new WireReader(data, FIXED_SIZE, data.length - FIXED_SIZE);
        int idPrefix = in.readVarInt();
        if (idPrefix != 0) {
            int idOffset = in.skip(idPrefix - 1);
            m.setEncodedMessageId(data, idOffset, idPrefix - 1);
        }
        RecentDestination destination = readDestination(in, true);
        m.setJMSDestination(destination == null ? null : destination.destination());
        readCorrelationId(in, m);
        RecentDestination replyTo = readDestination(in, false); // keeps the JMSDestination remembered
        m.setJMSReplyTo(replyTo == null ? null : replyTo.destination());
        m.setJMSType(in.readString());
        m.properties().decode(in);
        m.decodeBody(in);
        in.expectEnd();
        m.setReadOnly(true);
        return m;
    }

    private static void writeDestination(WireWriter out, Destination destination) throws JMSException {
        if (destination == null) {
            out.writeByte(0);
            return;
        }
        DestinationRef ref = TernDestination.from(destination).ref();
        out.writeByte(ref.kind().ordinal() + 1);
        out.writeString(ref.name());
    }

    private static DestinationRef readDestinationRef(WireReader in) {
        RecentDestination destination = readDestination(in, true);
        return destination == null ? null : destination.ref();
    }

    /**
     * A destination; with {@code remember}, shared with the previous message read on this thread if
     * it names the same, and remembered for the next.
     */
    private static RecentDestination readDestination(WireReader in, boolean remember) {
        int kind = in.readUnsignedByte();
        if (kind == 0) {
            return null;
        }
        if (kind > KINDS.length) {
            throw new IllegalArgumentException("unknown destination kind " + kind);
        }
        int prefix = in.readVarInt();
        if (prefix == 0) {
            throw new IllegalArgumentException("destination without a name");
        }
        int length = prefix - 1;
        int offset = in.skip(length);
        return remember ? RecentDestination.of(kind, in.array(), offset, length)
                : RecentDestination.once(kind, in.array(), offset, length);
    }

    private static void writeCorrelationId(WireWriter out, Object correlationId) {
        if (correlationId == null) {
            out.writeByte(CORRELATION_NONE);
        } else if (correlationId instanceof byte[] bytes) {
            out.writeByte(CORRELATION_BYTES);
            out.writeVarInt(bytes.length);
            out.writeBytes(bytes, 0, bytes.length);
        } else {
            out.writeByte(CORRELATION_STRING);
            out.writeString((String) correlationId);
        }
    }

    private static void readCorrelationId(WireReader in, TernMessage m) {
        int kind = in.readUnsignedByte();
        switch (kind) {
            case CORRELATION_NONE -> { }
            case CORRELATION_STRING -> m.setJMSCorrelationID(in.readString());
            case CORRELATION_BYTES -> m.setJMSCorrelationIDAsBytes(in.readBytes(in.readCount(1)));
            default -> throw new IllegalArgumentException("unknown correlation id kind " + kind);
        }
    }
}
