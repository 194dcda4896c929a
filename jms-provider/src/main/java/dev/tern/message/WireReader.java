package dev.tern.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link WireWriter} wrote, from a window of an array it does not copy. Reading past
 * the window or finding an impossible length or tag throws {@link IllegalArgumentException}.
 */
final class WireReader {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] data;
    private final int start;
    private final int limit;
    private int position;

    WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    WireReader(byte[] data, int offset, int length) {
        this.data = data;
        this.start = offset;
        this.limit = offset + length;
        this.position = offset;
    }

    int remaining() {
        return limit - position;
    }

    int length() {
        return limit - start;
    }

    void rewind() {
        position = start;
    }

    /** A copy of the whole window, whatever has been read. */
    byte[] copyAll() {
        return Arrays.copyOfRange(data, start, limit);
    }

    /** Writes the whole window, whatever has been read, without copying it first. */
    void writeAllTo(WireWriter writer) {
        writer.writeBytes(data, start, limit - start);
    }

    /** The next two bytes as an unsigned short, without moving. */
    int peekUnsignedShort() {
        need(2);
        return (short) SHORT.get(data, position) & 0xFFFF;
    }

    /** A reader over the next {@code length} bytes, which this reader skips. */
    WireReader slice(int length) {
        need(length);
        WireReader slice = new WireReader(data, position, length);
        position += length;
        return slice;
    }

    /** Skips the next {@code length} bytes; returns where they start in {@link #array()}. */
    int skip(int length) {
        need(length);
        int at = position;
        position += length;
        return at;
    }

    /** The array read from (not a copy). */
    byte[] array() {
        return data;
    }

    private void need(int bytes) {
        if (bytes < 0 || bytes > limit - position) {
            throw new IllegalArgumentException("truncated: need " + bytes + " bytes at offset " + (position - start)
                    + ", " + (limit - position) + " left");
        }
    }

    byte readByte() {
        need(1);
        return data[position++];
    }

    int readUnsignedByte() {
        return readByte() & 0xFF;
    }

    boolean readBoolean() {
        return readByte() != 0;
    }

    short readShort() {
        need(2);
        short value = (short) SHORT.get(data, position);
        position += 2;
        return value;
    }

    int readInt() {
        need(4);
        int value = (int) INT.get(data, position);
        position += 4;
        return value;
    }

    long readLong() {
        need(8);
        long value = (long) LONG.get(data, position);
        position += 8;
        return value;
    }

    float readFloat() {
        return Float.intBitsToFloat(readInt());
    }

    double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    void readBytes(byte[] target, int offset, int length) {
        need(length);
        System.arraycopy(data, position, target, offset, length);
        position += length;
    }

    byte[] readBytes(int length) {
        need(length);
        byte[] value = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return value;
    }

    int readVarInt() {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = readUnsignedByte();
            if (shift == 28 && (b & 0xF0) != 0) {
                break; // more than 32 bits
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint at offset " + (position - start));
    }

    /** A count or length that must fit in what is left, at {@code minBytesEach} bytes per element. */
    int readCount(int minBytesEach) {
        int count = readVarInt();
        if (count < 0 || (long) count * minBytesEach > remaining()) {
            throw new IllegalArgumentException("impossible count " + count + " at offset " + (position - start));
        }
        return count;
    }

    byte[] readNullableBytes() {
        int prefix = readVarInt();
        return prefix == 0 ? null : readBytes(prefix - 1);
    }

    String readString() {
        int prefix = readVarInt();
        if (prefix == 0) {
            return null;
        }
        int length = prefix - 1;
        need(length);
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** A value written by {@link WireWriter#writeValue(Object)}. */
    Object readValue() {
        int tag = readByte();
        return switch (tag) {
            case ValueTag.NULL -> null;
            case ValueTag.TRUE -> Boolean.TRUE;
            case ValueTag.FALSE -> Boolean.FALSE;
            case ValueTag.BYTE -> readByte();
            case ValueTag.SHORT -> readShort();
            case ValueTag.CHAR -> (char) readShort();
            case ValueTag.INT -> readInt();
            case ValueTag.LONG -> readLong();
            case ValueTag.FLOAT -> readFloat();
            case ValueTag.DOUBLE -> readDouble();
            case ValueTag.STRING -> readString();
            case ValueTag.BYTES -> readBytes(readCount(1));
            default -> throw new IllegalArgumentException("unknown value tag " + tag + " at offset "
                    + (position - start - 1));
        };
    }

    /** Fails unless everything has been read: trailing bytes mean the data is not what we think. */
    void expectEnd() {
        if (position != limit) {
            throw new IllegalArgumentException((limit - position) + " unexpected trailing bytes");
        }
    }
}
