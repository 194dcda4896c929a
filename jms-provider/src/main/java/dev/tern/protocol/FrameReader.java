package dev.tern.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one received frame (without its length prefix), checking every length against
 * what is there: a lie is a {@link ProtocolException}, never an allocation of the claimed size.
 */
public final class FrameReader {

    private final ByteBuf buf;
    private final byte type;

    public FrameReader(ByteBuf frame) {
        this.buf = frame;
        if (!frame.isReadable()) {
            throw new ProtocolException("empty frame");
        }
        this.type = frame.readByte();
    }

    public byte type() {
        return type;
    }

    private void need(int bytes, String what) {
        if (buf.readableBytes() < bytes) {
            throw new ProtocolException(FrameType.name(type) + " frame too short for " + what);
        }
    }

    public byte readByte() {
        need(1, "a byte");
        return buf.readByte();
    }

    public boolean readBoolean() {
        byte b = readByte();
        if (b != 0 && b != 1) {
            throw new ProtocolException(FrameType.name(type) + " frame has a bad boolean " + b);
        }
        return b == 1;
    }

    public int readInt() {
        need(4, "an int");
        return buf.readInt();
    }

    public long readLong() {
        need(8, "a long");
        return buf.readLong();
    }

    public String readString() {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        checkLength(length, "a string");
        String s = buf.toString(buf.readerIndex(), length, StandardCharsets.UTF_8);
        buf.skipBytes(length);
        return s;
    }

    public String readNonNullString(String what) {
        String s = readString();
        if (s == null) {
            throw new ProtocolException(FrameType.name(type) + " frame has no " + what);
        }
        return s;
    }

    public byte[] readBytes() {
        int length = readInt();
        checkLength(length, "a byte array");
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }

    /** A count of elements each at least {@code minElementSize} bytes long. */
    public int readCount(int minElementSize) {
        int count = readInt();
        if (count < 0 || (long) count * minElementSize > buf.readableBytes()) {
            throw new ProtocolException(FrameType.name(type) + " frame has a bad count " + count);
        }
        return count;
    }

    private void checkLength(int length, String what) {
        if (length < 0 || length > buf.readableBytes()) {
            throw new ProtocolException(FrameType.name(type) + " frame has a bad length " + length + " for " + what);
        }
    }

    /** Checks nothing is left: trailing bytes mean the peer and we disagree on the format. */
    public void end() {
        if (buf.isReadable()) {
            throw new ProtocolException(FrameType.name(type) + " frame has " + buf.readableBytes()
                    + " unexpected trailing bytes");
        }
    }
}
