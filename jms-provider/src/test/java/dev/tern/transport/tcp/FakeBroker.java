package dev.tern.transport.tcp;

import dev.tern.protocol.FrameBuilder;
import dev.tern.protocol.FrameType;
import dev.tern.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A scripted peer on a loopback socket that plays the broker: it answers the preamble with the bytes
 * it is given, then (if told) accepts the HELLO and answers every request with an empty RESPONSE
 * until {@link #goSilent()}, after which it reads and ignores everything.
 */
final class FakeBroker implements AutoCloseable {

    private final ServerSocket server;
    private final byte[] preamble;
    private final boolean acceptHello;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean silent;
    private volatile boolean deaf;
    private volatile OutputStream client;
    /** Types of the frames received after the HELLO, in order. */
    final List<Byte> received = new CopyOnWriteArrayList<>();

    FakeBroker(byte[] preamble, boolean acceptHello) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.preamble = preamble;
        this.acceptHello = acceptHello;
        acceptor = new Thread(this::acceptLoop, "fake-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String options) {
        return "tcp://127.0.0.1:" + server.getLocalPort() + (options.isEmpty() ? "" : "?" + options);
    }

    void goSilent() {
        silent = true;
    }

    /** Stops reading the socket altogether (a broker that cannot keep up): the client's writes back up. */
    void goDeaf() {
        deaf = true;
    }

    private void acceptLoop() {
        try {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread t = new Thread(() -> serve(socket), "fake-broker-conn");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            client = out;
            in.readFully(new byte[Protocol.PREAMBLE_LENGTH]);
            out.write(preamble);
            out.flush();
            if (!acceptHello) {
                while (in.read() >= 0) {
                    // listen, never answer
                }
                return;
            }
            while (true) {
                while (deaf && !socket.isClosed()) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                int length = in.readInt();
                byte type = in.readByte();
                byte[] body = new byte[length - 1];
                in.readFully(body);
                if (type != FrameType.HELLO) {
                    received.add(type);
                }
                if (silent) {
                    continue;
                }
                if (type == FrameType.HELLO) {
                    write(out, frame(FrameType.HELLO_OK, f -> f.writeString("fake-1").writeInt(0)
                            .writeInt(Protocol.DEFAULT_MAX_FRAME_SIZE)));
                } else if (FrameType.isRequest(type)) {
                    int id = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8)
                            | (body[3] & 0xff);
                    if (id != Protocol.NO_RESPONSE) {
                        write(out, frame(FrameType.RESPONSE, f -> f.writeInt(id)));
                    }
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private synchronized void write(OutputStream out, byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    /** Sends a frame to the (last) connected client, as a broker push. */
    void push(byte[] frame) throws IOException {
        write(client, frame);
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

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
