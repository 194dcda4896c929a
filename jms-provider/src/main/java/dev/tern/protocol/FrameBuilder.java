package dev.tern.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * Writes one frame into one buffer of the channel's allocator (pooled, direct where the platform
 * allows): the length is filled in by {@link #build}. A message body is copied into it once, which is
 * the copy the socket write needs anyway; a heap array wrapped in a composite buffer would instead be
 * flattened into a new heap array and then copied again into a direct one for every write.
 */
public final class FrameBuilder {

    private final ByteBuf buf;

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

    /** Length then bytes (a message body), which end the frame. */
    public FrameBuilder lastBytes(byte[] bytes) {
        buf.ensureWritable(Integer.BYTES + bytes.length); // one growth, not several
        buf.writeInt(bytes.length);
        buf.writeBytes(bytes);
        return this;
    }

    /** The length field's value this frame will have. */
    public long frameLength() {
        return buf.readableBytes() - Protocol.LENGTH_FIELD;
    }

    /** The finished frame, length included. */
    public ByteBuf build() {
        buf.setInt(0, (int) frameLength());
        return buf;
    }

    /** Frees the buffer of a frame that will not be sent. */
    public void discard() {
        buf.release();
    }
}
