package dev.tern.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the inbound bytes into the peer's {@link Preamble} and then frames (each passed on as a
 * {@link ByteBuf} of type + fields, without the length). A length below 1 or above
 * {@code maxFrameSize} is a {@link ProtocolException} at once, before any of the frame is buffered.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private final int maxFrameSize;
    private boolean preambleSeen;
    private boolean failed;

    public FrameDecoder(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!preambleSeen) {
            if (in.readableBytes() < Protocol.PREAMBLE_LENGTH) {
                return;
            }
            byte[] preamble = new byte[Protocol.PREAMBLE_LENGTH];
            in.readBytes(preamble);
            preambleSeen = true;
            out.add(Preamble.of(preamble));
            return;
        }
        if (in.readableBytes() < Protocol.LENGTH_FIELD) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 1 || length > maxFrameSize) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new ProtocolException(length < 1 ? "bad frame length " + length
                    : "frame of " + length + " bytes exceeds maxFrameSize " + maxFrameSize);
        }
        if (in.readableBytes() < Protocol.LENGTH_FIELD + length) {
            return;
        }
        in.skipBytes(Protocol.LENGTH_FIELD);
        out.add(in.readRetainedSlice(length));
    }
}
