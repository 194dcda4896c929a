package dev.tern.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Arrays;

/**
 * A message whose body is a stream of uninterpreted bytes, laid out as {@code DataOutputStream}
 * writes them. Write-only when created and after {@link #clearBody()}; read-only after
 * {@link #reset()} and when received. A received body is read where it was decoded, not copied.
 */
public class TernBytesMessage extends TernMessage implements BytesMessage {

    private static final byte[] EMPTY = new byte[0];

    private WireWriter writer; // the body while write-only; null until the first write
    private WireReader reader; // the body while read-only

    public TernBytesMessage() {
    }

    // ---- modes

    @Override
    public void reset() {
        setBodyReadOnly(true);
    }

    @Override
    void bodyModeChanged(boolean readOnly) {
        if (readOnly) {
            if (writer != null) {
                reader = new WireReader(writer.array(), 0, writer.size());
                writer = null;
            } else if (reader == null) {
                reader = new WireReader(EMPTY);
            } else {
                reader.rewind();
            }
        } else if (reader != null) {
            byte[] content = reader.copyAll();
            writer = new WireWriter(content, 0, content.length);
            reader = null;
        }
    }

    @Override
    void clearBodyContent() {
        writer = null;
        reader = null;
    }

    @Override
    public long getBodyLength() throws JMSException {
        checkBodyReadable();
        return reader.length();
    }

    // ---- reads

    private WireReader readable(int bytes) throws JMSException {
        checkBodyReadable();
        if (reader.remaining() < bytes) {
            throw new MessageEOFException("end of the bytes message: " + bytes + " bytes wanted, "
                    + reader.remaining() + " left");
        }
        return reader;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return readable(1).readBoolean();
    }

    @Override
    public byte readByte() throws JMSException {
        return readable(1).readByte();
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return readable(1).readUnsignedByte();
    }

    @Override
    public short readShort() throws JMSException {
        return readable(2).readShort();
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return readable(2).readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws JMSException {
        return (char) readable(2).readShort();
    }

    @Override
    public int readInt() throws JMSException {
        return readable(4).readInt();
    }

    @Override
    public long readLong() throws JMSException {
        return readable(8).readLong();
    }

    @Override
    public float readFloat() throws JMSException {
        return readable(4).readFloat();
    }

    @Override
    public double readDouble() throws JMSException {
        return readable(8).readDouble();
    }

    /** Modified UTF-8 with a two-byte length, as {@code DataInputStream.readUTF}. */
    @Override
    public String readUTF() throws JMSException {
        int length = readable(2).peekUnsignedShort();
        byte[] encoded = readable(2 + length).readBytes(2 + length);
        try {
            return new DataInputStream(new ByteArrayInputStream(encoded)).readUTF();
        } catch (IOException e) {
            throw FormatErrors.formatError("malformed UTF string in a bytes message: " + e, e);
        }
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /** Up to {@code length} bytes into the start of {@code value}; -1 when none is left. */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " for an array of " + value.length);
        }
        checkBodyReadable();
        int remaining = reader.remaining();
        if (remaining == 0) {
            return -1;
        }
        int count = Math.min(length, remaining);
        reader.readBytes(value, 0, count);
        return count;
    }

    // ---- writes

    private WireWriter writable() throws JMSException {
        checkBodyWritable();
        if (writer == null) {
            writer = new WireWriter(64);
        }
        return writer;
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        writable().writeBoolean(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        writable().writeByte(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        writable().writeShort(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        writable().writeShort(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        writable().writeInt(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        writable().writeLong(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        writable().writeFloat(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        writable().writeDouble(value);
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        try {
            writable().writeModifiedUtf8(value);
        } catch (UTFDataFormatException e) {
            throw FormatErrors.formatError(e.getMessage(), e);
        }
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        writable().writeBytes(value, 0, value.length);
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        if (offset < 0 || length < 0 || offset + length > value.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " for an array of " + value.length);
        }
        writable().writeBytes(value, offset, length);
    }

    /**
     * A primitive wrapper, String (as {@link #writeUTF}) or byte[]; {@code NullPointerException} for
     * null and {@code MessageFormatException} for anything else, as the javadoc says.
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("a bytes message cannot hold null");
        } else if (value instanceof byte[] bytes) {
            writeBytes(bytes);
        } else if (value instanceof String s) {
            writeUTF(s);
        } else if (value instanceof Integer i) {
            writeInt(i);
        } else if (value instanceof Long l) {
            writeLong(l);
        } else if (value instanceof Boolean b) {
            writeBoolean(b);
        } else if (value instanceof Byte b) {
            writeByte(b);
        } else if (value instanceof Short s) {
            writeShort(s);
        } else if (value instanceof Character c) {
            writeChar(c);
        } else if (value instanceof Float f) {
            writeFloat(f);
        } else if (value instanceof Double d) {
            writeDouble(d);
        } else {
            throw new MessageFormatException("a bytes message cannot hold a " + value.getClass().getName());
        }
    }

    // ---- body plumbing

    private int length() {
        return reader != null ? reader.length() : writer != null ? writer.size() : 0;
    }

    /** A copy of the whole body, from its first byte, whatever has been read; null when empty. */
    @Override
    Object bodyForGetBody() {
        if (length() == 0) {
            return null;
        }
        return reader != null ? reader.copyAll() : writer.toByteArray();
    }

    @SuppressWarnings("rawtypes")
    @Override
    public boolean isBodyAssignableTo(Class c) {
        return length() == 0 || c.isAssignableFrom(byte[].class);
    }

    @Override
    BodyType bodyType() {
        return BodyType.BYTES;
    }

    @Override
    int bodySizeHint() {
        return length() + 5;
    }

    @Override
    void encodeBody(WireWriter out) {
        out.writeVarInt(length());
        if (reader != null) {
            reader.writeAllTo(out);
        } else if (writer != null) {
            out.writeBytes(writer.array(), 0, writer.size());
        }
    }

    @Override
    void decodeBody(WireReader in) {
        writer = null;
        reader = in.slice(in.readCount(1));
    }

    /**
     * Reads the foreign body to its end (readBytes returns -1), not just getBodyLength() bytes: that
     * length is only a size hint, as a provider may report it wrong, and trusting it truncates the body.
     */
    @Override
    void copyBodyFrom(Message foreign) throws JMSException {
        BytesMessage bytes = (BytesMessage) foreign;
        bytes.reset();
        long hint = bytes.getBodyLength();
        byte[] content = new byte[(int) Math.max(64, Math.min(hint, 1 << 20))];
        int filled = 0;
        while (true) {
            if (filled == content.length) {
                if (content.length >= Integer.MAX_VALUE - 64) {
                    throw new MessageFormatException("bytes message too large to copy");
                }
                content = Arrays.copyOf(content, (int) Math.min(Integer.MAX_VALUE - 64L, content.length * 2L));
            }
            byte[] chunk = filled == 0 ? content : new byte[content.length - filled];
            int count = bytes.readBytes(chunk);
            if (count <= 0) { // -1 is the end of the body; 0 would never advance
                break;
            }
            if (chunk != content) {
                System.arraycopy(chunk, 0, content, filled, count);
            }
            filled += count;
        }
        bytes.reset();
        writer = new WireWriter(content, 0, filled);
        reader = null;
    }
}
