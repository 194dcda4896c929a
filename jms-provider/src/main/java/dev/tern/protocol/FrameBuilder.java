package dev.tern.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * Writes one frame: the length is filled in by {@link #build}. A message body given to
 * {@link #lastBytes} is wrapped, not copied, so message bytes travel as the codec made them.
 */
public final class FrameBuilder {

    private final ByteBuf buf;
    private byte[] tail;

    private FrameBuilder(ByteBuf buf) {
        this.buf = buf;
    }

    public static FrameBuilder start(ByteBufAllocator alloc, byte type) {
        ByteBuf buf = alloc.buffer(64);
        buf.writeInt(0);
        buf.writeByte(type);
        return new FrameBuilder(buf);
    }

    /** A request: type then correlation id. */
    public static FrameBuilder request(ByteBufAllocator alloc, byte type, int correlationId) {
        return start(alloc, type).writeInt(correlationId);
    }

    public FrameBuilder writeByte(int value) {
        buf.writeByte(value);
        return this;
    }

    public FrameBuilder writeBoolean(boolean value) {
        buf.writeByte(value ? 1 : 0);
        return this;
    }

    public FrameBuilder writeInt(int value) {
        buf.writeInt(value);
        return this;
    }

    public FrameBuilder writeLong(long value) {
        buf.writeLong(value);
        return this;
    }

    /** Length (-1 for null) then UTF-8 bytes. */
    public FrameBuilder writeString(String value) {
        if (value == null) {
            buf.writeInt(-1);
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            buf.writeInt(bytes.length);
            buf.writeBytes(bytes);
        }
        return this;
    }

    /** Length then bytes (copied; for small arrays). */
    public FrameBuilder writeBytes(byte[] bytes) {
        buf.writeInt(bytes.length);
        buf.writeBytes(bytes);
        return this;
    }

    /** Length then bytes, which end the frame and are wrapped without copying. */
    public FrameBuilder lastBytes(byte[] bytes) {
        buf.writeInt(bytes.length);
        tail = bytes;
        return this;
    }

    /** The length field's value this frame will have. */
    public long frameLength() {
        return buf.readableBytes() - Protocol.LENGTH_FIELD + (tail == null ? 0 : (long) tail.length);
    }

    /** The finished frame, length included. */
    public ByteBuf build() {
        buf.setInt(0, (int) frameLength());
        return tail == null ? buf : Unpooled.wrappedBuffer(buf, Unpooled.wrappedBuffer(tail));
    }

    /** Frees the buffer of a frame that will not be sent. */
    public void discard() {
        buf.release();
    }
}
