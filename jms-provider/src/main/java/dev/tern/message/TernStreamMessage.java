package dev.tern.message;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * A message whose body is a sequence of typed fields, read with the StreamMessage conversion
 * table. A read that fails with {@code MessageFormatException} or {@code NumberFormatException}
 * does not move, so the field can be read again as another type. Write-only when created and after
 * {@link #clearBody()}; read-only after {@link #reset()} and when received.
 */
public class TernStreamMessage extends TernMessage implements StreamMessage {

    private final List<Object> fields = new ArrayList<>(); // byte[] fields are private copies
    private int next;              // index of the next field to read
    private int bytesRead = -1;    // how much of the byte[] field at next readBytes has consumed; -1 if none

    public TernStreamMessage() {
    }

    @Override
    public void reset() {
        setBodyReadOnly(true);
    }

    @Override
    void bodyModeChanged(boolean readOnly) {
        next = 0;
        bytesRead = -1;
    }

    @Override
    void clearBodyContent() {
        fields.clear();
        next = 0;
        bytesRead = -1;
    }

    // ---- reads

    /** The next field, not yet consumed. */
    private Object peek() throws JMSException {
        checkBodyReadable();
        if (bytesRead >= 0) {
            throw new MessageFormatException("the byte[] field being read with readBytes must be read to its end first");
        }
        if (next >= fields.size()) {
            throw new MessageEOFException("end of the stream message");
        }
        return fields.get(next);
    }

    @Override
    public boolean readBoolean() throws JMSException {
        boolean value = ValueConversions.toBoolean(peek());
        next++;
        return value;
    }

    @Override
    public byte readByte() throws JMSException {
        byte value = ValueConversions.toByte(peek());
        next++;
        return value;
    }

    @Override
    public short readShort() throws JMSException {
        short value = ValueConversions.toShort(peek());
        next++;
        return value;
    }

    @Override
    public char readChar() throws JMSException {
        char value = ValueConversions.toChar(peek());
        next++;
        return value;
    }

    @Override
    public int readInt() throws JMSException {
        int value = ValueConversions.toInt(peek());
        next++;
        return value;
    }

    @Override
    public long readLong() throws JMSException {
        long value = ValueConversions.toLong(peek());
        next++;
        return value;
    }

    @Override
    public float readFloat() throws JMSException {
        float value = ValueConversions.toFloat(peek());
        next++;
        return value;
    }

    @Override
    public double readDouble() throws JMSException {
        double value = ValueConversions.toDouble(peek());
        next++;
        return value;
    }

    @Override
    public String readString() throws JMSException {
        String value = ValueConversions.toText(peek());
        next++;
        return value;
    }

    /** The field as written (a byte[] is copied). */
    @Override
    public Object readObject() throws JMSException {
        Object value = peek();
        next++;
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    /**
     * Reads a byte[] field piece by piece, as the javadoc says: returns how many bytes were put in
     * {@code value}; the field is done when that is less than {@code value.length}, or at the -1 that
     * follows a piece which filled the array exactly. A null field reads as -1 at once, an empty one as 0.
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        checkBodyReadable();
        if (bytesRead < 0) {
            if (next >= fields.size()) {
                throw new MessageEOFException("end of the stream message");
            }
            Object field = fields.get(next);
            if (field == null) {
                next++;
                return -1;
            }
            ValueConversions.toBytes(field); // MessageFormatException if not a byte[]
            bytesRead = 0;
        }
        byte[] field = (byte[]) fields.get(next);
        int remaining = field.length - bytesRead;
        if (remaining == 0 && bytesRead > 0) {
            finishBytesField();
            return -1;
        }
        int count = Math.min(value.length, remaining);
        System.arraycopy(field, bytesRead, value, 0, count);
        bytesRead += count;
        if (count < value.length) {
            finishBytesField();
        }
        return count;
    }

    private void finishBytesField() {
        bytesRead = -1;
        next++;
    }

    // ---- writes

    private void add(Object value) throws JMSException {
        checkBodyWritable();
        fields.add(value);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    /** Copies the array; null writes a null field. */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        add(copy);
    }

    /** A primitive wrapper, String, byte[] (copied) or null; else {@code MessageFormatException}. */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value != null && !ValueConversions.isBodyValueType(value)) {
            throw new MessageFormatException("a stream message cannot hold a " + value.getClass().getName());
        }
        add(value instanceof byte[] bytes ? bytes.clone() : value);
    }

    // ---- body plumbing

    /** The javadoc: a stream message's body cannot be returned by getBody. */
    @Override
    Object bodyForGetBody() throws JMSException {
        throw new MessageFormatException("the body of a StreamMessage cannot be returned by getBody");
    }

    @SuppressWarnings("rawtypes")
    @Override
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }

    @Override
    BodyType bodyType() {
        return BodyType.STREAM;
    }

    @Override
    int bodySizeHint() {
        return 5 + 12 * fields.size();
    }

    @Override
    void encodeBody(WireWriter writer) {
        writer.writeVarInt(fields.size());
        for (Object field : fields) {
            writer.writeValue(field);
        }
    }

    @Override
    void decodeBody(WireReader reader) {
        int count = reader.readCount(1);
        for (int i = 0; i < count; i++) {
            fields.add(reader.readValue());
        }
    }

    @Override
    void copyBodyFrom(Message foreign) throws JMSException {
        StreamMessage stream = (StreamMessage) foreign;
        stream.reset();
        try {
            while (true) {
                writeObject(stream.readObject());
            }
        } catch (MessageEOFException end) {
            // every field copied
        } finally {
            stream.reset();
        }
    }
}
