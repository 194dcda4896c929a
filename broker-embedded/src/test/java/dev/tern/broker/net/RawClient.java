package dev.tern.broker.net;

import dev.tern.protocol.FrameBuilder;
import dev.tern.protocol.FrameType;
import dev.tern.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;

/** A hand-driven protocol peer on a plain socket, for feeding the broker exact (or broken) bytes. */
final class RawClient implements AutoCloseable {

    record Frame(byte type, byte[] body) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] frame(byte type, Consumer<FrameBuilder> fields) {
        FrameBuilder builder = FrameBuilder.start(UnpooledByteBufAllocator.DEFAULT, type);
        fields.accept(builder);
        ByteBuf buf = builder.build();
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] hello(String user, String password) {
        return frame(FrameType.HELLO, f -> f.writeString(user).writeString(password).writeInt(0)
                .writeInt(Protocol.DEFAULT_MAX_FRAME_SIZE).writeInt(0));
    }

    RawClient write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    RawClient preamble(byte version) throws IOException {
        return write(Protocol.preamble(version));
    }

    /** Preamble, HELLO, and the broker's preamble and HELLO_OK read back. */
    RawClient handshake() throws IOException {
        preamble(Protocol.VERSION).write(hello(null, null));
        readPreamble();
        Frame ok = readFrame();
        if (ok.type() != FrameType.HELLO_OK) {
            throw new IOException("expected HELLO_OK, got " + FrameType.name(ok.type()));
        }
        return this;
    }

    byte[] readPreamble() throws IOException {
        byte[] preamble = new byte[Protocol.PREAMBLE_LENGTH];
        in.readFully(preamble);
        return preamble;
    }

    Frame readFrame() throws IOException {
        int length = in.readInt();
        byte type = in.readByte();
        byte[] body = new byte[length - 1];
        in.readFully(body);
        return new Frame(type, body);
    }

    /** True if the broker closes the connection within the socket timeout (frames before that are skipped). */
    boolean closedByBroker() throws IOException {
        try {
            while (in.read() >= 0) {
                // skip whatever the broker still sent
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException | EOFException e) {
            return true; // reset
        }
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
