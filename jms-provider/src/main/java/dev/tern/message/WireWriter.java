package dev.tern.message;

import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer: the encoder of {@link MessageCodec}, and the body of a
 * {@link TernBytesMessage} while it is written. Numbers have the layout of {@code DataOutput}.
 */
final class WireWriter {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buffer;
    private int size;

    WireWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** A writer that continues after {@code length} bytes of {@code content}. */
    WireWriter(byte[] content, int offset, int length) {
        buffer = Arrays.copyOfRange(content, offset, offset + Math.max(16, length));
        size = length;
    }

    int size() {
        return size;
    }

    /** Empties the writer, keeping its buffer. */
    void reset() {
        size = 0;
    }

    int capacity() {
        return buffer.length;
    }

    /** The internal array; bytes from 0 to {@link #size()} are the content. */
    byte[] array() {
        return buffer;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            int needed = size + more;
            if (needed < 0) {
                throw new IllegalStateException("message larger than 2 GiB");
            }
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }

    void writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    void writeShort(int value) {
        ensure(2);
        SHORT.set(buffer, size, (short) value);
        size += 2;
    }

    void writeInt(int value) {
        ensure(4);
        INT.set(buffer, size, value);
        size += 4;
    }

    void writeLong(long value) {
        ensure(8);
        LONG.set(buffer, size, value);
        size += 8;
    }

    void writeFloat(float value) {
        writeInt(Float.floatToIntBits(value));
    }

    void writeDouble(double value) {
        writeLong(Double.doubleToLongBits(value));
    }

    void writeBytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, buffer, size, length);
        size += length;
    }

    /** Unsigned LEB128: one byte for values below 128. */
    void writeVarInt(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    /** A length-prefixed byte array; the prefix is length + 1 so that 0 stands for null. */
    void writeNullableBytes(byte[] value) {
        if (value == null) {
            writeVarInt(0);
        } else {
            writeVarInt(value.length + 1);
            writeBytes(value, 0, value.length);
        }
    }

    /** Exactly what {@code writeString(prefix + number)} writes, without building that string. */
    void writeString(String prefix, long number) {
        if (number < 0) {
            writeString(prefix + number); // generated ids count up from 1: never here in practice
            return;
        }
        int digits = 1;
        for (long rest = number / 10; rest != 0; rest /= 10) {
            digits++;
        }
        int bytes = utf8Length(prefix);
        writeVarInt(bytes + digits + 1);
        writeUtf8(prefix, bytes);
        ensure(digits);
        long rest = number;
        for (int i = size + digits - 1; i >= size; i--) {
            buffer[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        size += digits;
    }

    /** UTF-8 with a length prefix of byte count + 1 (0 stands for null), encoded in place. */
    void writeString(String value) {
        if (value == null) {
            writeVarInt(0);
            return;
        }
        int bytes = utf8Length(value);
        writeVarInt(bytes + 1);
        writeUtf8(value, bytes);
    }

    /** The UTF-8 of {@code value}, {@code bytes} long (its {@link #utf8Length}), without a prefix. */
    private void writeUtf8(String value, int bytes) {
        int chars = value.length();
        ensure(bytes);
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                buffer[size++] = (byte) c;
            } else if (c < 0x800) {
                buffer[size++] = (byte) (0xC0 | (c >> 6));
                buffer[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                buffer[size++] = (byte) (0xF0 | (cp >> 18));
                buffer[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buffer[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buffer[size++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buffer[size++] = '?'; // unpaired surrogate: what String.getBytes(UTF_8) does
            } else {
                buffer[size++] = (byte) (0xE0 | (c >> 12));
                buffer[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private static int utf8Length(String value) {
        int chars = value.length();
        int bytes = chars;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for 2 chars
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** The modified UTF-8 of {@code DataOutput.writeUTF}, as {@code BytesMessage.writeUTF} requires. */
    void writeModifiedUtf8(String value) throws UTFDataFormatException {
        int chars = value.length();
        int bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            bytes += (c != 0 && c < 0x80) ? 1 : c < 0x800 ? 2 : 3;
        }
        if (bytes > 0xFFFF) {
            throw new UTFDataFormatException("string too long for writeUTF: " + bytes + " bytes");
        }
        writeShort(bytes);
        ensure(bytes);
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c != 0 && c < 0x80) {
                buffer[size++] = (byte) c;
            } else if (c < 0x800) {
                buffer[size++] = (byte) (0xC0 | (c >> 6));
                buffer[size++] = (byte) (0x80 | (c & 0x3F));
            } else {
                buffer[size++] = (byte) (0xE0 | (c >> 12));
                buffer[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    /** One value of a property, map entry or stream field, with its type tag. */
    void writeValue(Object value) {
        if (value == null) {
            writeByte(ValueTag.NULL);
        } else if (value instanceof String s) {
            writeByte(ValueTag.STRING);
            writeString(s);
        } else if (value instanceof Integer i) {
            writeByte(ValueTag.INT);
            writeInt(i);
        } else if (value instanceof Long l) {
            writeByte(ValueTag.LONG);
            writeLong(l);
        } else if (value instanceof Boolean b) {
            writeByte(b ? ValueTag.TRUE : ValueTag.FALSE);
        } else if (value instanceof Byte b) {
            writeByte(ValueTag.BYTE);
            writeByte(b);
        } else if (value instanceof Short s) {
            writeByte(ValueTag.SHORT);
            writeShort(s);
        } else if (value instanceof Character c) {
            writeByte(ValueTag.CHAR);
            writeShort(c);
        } else if (value instanceof Float f) {
            writeByte(ValueTag.FLOAT);
            writeFloat(f);
        } else if (value instanceof Double d) {
            writeByte(ValueTag.DOUBLE);
            writeDouble(d);
        } else if (value instanceof byte[] b) {
            writeByte(ValueTag.BYTES);
            writeVarInt(b.length);
            writeBytes(b, 0, b.length);
        } else {
            // The message classes admit only the types above; reaching here is a bug in them.
            throw new IllegalStateException("cannot encode a value of " + value.getClass().getName());
        }
    }
}
