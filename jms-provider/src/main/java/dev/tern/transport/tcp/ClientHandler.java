package dev.tern.transport.tcp;

import dev.tern.protocol.FrameBuilder;
import dev.tern.protocol.FrameReader;
import dev.tern.protocol.FrameType;
import dev.tern.protocol.Preamble;
import dev.tern.protocol.Protocol;
import dev.tern.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import dev.tern.transport.ConnectionListener;
import dev.tern.protocol.RejectCodes;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;

import javax.net.ssl.SSLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client end of one channel: sends the preamble and HELLO, completes the handshake future with
 * the broker's HELLO_OK (or fails it with the reason given), then routes responses and pushes to the
 * {@link TcpBrokerConnection} and keeps the heartbeats.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {

    private final TcpOptions options;
    private final boolean tls;
    private final String user;
    private final String password;
    private final ConnectionListener listener;
    private final CompletableFuture<TcpBrokerConnection> handshake = new CompletableFuture<>();
    private volatile TcpBrokerConnection connection;
    private boolean preambleSeen;

    ClientHandler(TcpOptions options, boolean tls, String user, String password, ConnectionListener listener) {
        this.options = options;
        this.tls = tls;
        this.user = user;
        this.password = password;
        this.listener = listener;
    }

    /** Completed with the connection once the broker accepted the HELLO. */
    CompletableFuture<TcpBrokerConnection> handshake() {
        return handshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.write(Unpooled.wrappedBuffer(Protocol.preamble()));
        FrameBuilder hello = FrameBuilder.start(ctx.alloc(), FrameType.HELLO)
                .writeString(user)
                .writeString(password)
                .writeInt(options.heartbeatIntervalMillis())
                .writeInt(options.maxFrameSize())
                .writeInt(1)
                .writeString("client")
                .writeString("tern-jms " + Protocol.VERSION);
        ctx.writeAndFlush(hello.build());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Preamble preamble) {
            onPreamble(ctx, preamble);
            return;
        }
        ByteBuf frame = (ByteBuf) msg;
        try {
            FrameReader in = new FrameReader(frame);
            if (!handshake.isDone()) {
                onHandshake(ctx, in);
                return;
            }
            TcpBrokerConnection c = connection;
            if (c == null) {
                throw new ProtocolException(FrameType.name(in.type()) + " before the connection was set up");
            }
            switch (in.type()) {
                case FrameType.RESPONSE -> c.onResponse(in);
                case FrameType.ERROR -> c.onError(in);
                case FrameType.DELIVERY -> c.onDelivery(in);
                case FrameType.HEARTBEAT -> in.end();
                case FrameType.CONNECTION_FAILED -> {
                    String reason = in.readString();
                    c.fail(new JMSException("The broker closed the connection: " + reason));
                }
                default -> throw new ProtocolException("unexpected frame " + FrameType.name(in.type()));
            }
        } finally {
            frame.release();
        }
    }

    private void onPreamble(ChannelHandlerContext ctx, Preamble preamble) {
        preambleSeen = true;
        if (!preamble.magicOk()) {
            failHandshake(ctx, new JMSException("The peer at " + ctx.channel().remoteAddress()
                    + " is not a Tern broker (bad magic)"));
        } else if (preamble.version() != Protocol.VERSION) {
            failHandshake(ctx, new JMSException("Incompatible protocol: the broker at " + ctx.channel().remoteAddress()
                    + " speaks Tern protocol version " + preamble.version() + ", this client speaks version "
                    + Protocol.VERSION));
        }
    }

    private void onHandshake(ChannelHandlerContext ctx, FrameReader in) {
        if (!preambleSeen) {
            throw new ProtocolException("frame before the preamble");
        }
        switch (in.type()) {
            case FrameType.HELLO_OK -> {
                String id = in.readNonNullString("connection id");
                int heartbeat = in.readInt();
                int maxFrame = in.readInt();
                in.end();
                if (options.heartbeatTimeoutMillis() > 0 || heartbeat > 0) {
                    ctx.pipeline().addBefore(ctx.name(), "idle", new IdleStateHandler(
                            options.heartbeatTimeoutMillis(), Math.max(0, heartbeat), 0, TimeUnit.MILLISECONDS));
                }
                connection = new TcpBrokerConnection(ctx.channel(), listener, id, maxFrame,
                        options.producerWindowSize());
                handshake.complete(connection);
            }
            case FrameType.HELLO_REJECTED -> {
                byte code = in.readByte();
                String reason = in.readString();
                JMSException rejected = code == RejectCodes.AUTHENTICATION
                        ? new JMSSecurityException("The broker refused the connection: " + reason)
                        : new JMSException("The broker refused the connection: " + reason);
                failHandshake(ctx, rejected);
            }
            default -> throw new ProtocolException("expected HELLO_OK, got " + FrameType.name(in.type()));
        }
    }

    private void failHandshake(ChannelHandlerContext ctx, JMSException cause) {
        handshake.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(FrameBuilder.start(ctx.alloc(), FrameType.HEARTBEAT).build());
            } else if (idle.state() == IdleState.READER_IDLE) {
                failLink(new JMSException("No frame from the broker for " + options.heartbeatTimeoutMillis()
                        + " ms (heartbeatTimeout): the broker or the network is dead"));
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        TcpBrokerConnection c = connection;
        if (c != null) {
            c.onWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        JMSException lost = new JMSException("Connection to the broker at " + ctx.channel().remoteAddress() + " lost");
        if (!handshake.isDone()) {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            String when = ssl != null && !ssl.handshakeFuture().isSuccess()
                    ? " during the TLS handshake (is it a plain tcp:// port?)"
                    : " during the handshake" + (tls ? "" : " (is it a TLS port? then use ssl://)");
            handshake.completeExceptionally(new JMSException("The peer at " + ctx.channel().remoteAddress()
                    + " closed the connection" + when));
        }
        failLink(lost);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        String reason = root instanceof ProtocolException ? "protocol error from the broker: " + root.getMessage()
                : root instanceof SSLException ? tlsFailure(ctx, root)
                : "I/O error: " + root;
        JMSException failure = TcpBrokerConnection.jmsException(reason, root);
        if (!handshake.isDone()) {
            failHandshake(ctx, failure);
        } else {
            failLink(failure);
        }
    }

    private static String tlsFailure(ChannelHandlerContext ctx, Throwable root) {
        String hint = root instanceof NotSslRecordException
                ? " (the peer does not speak TLS: is it a plain tcp:// port?)" : "";
        return "TLS handshake with " + ctx.channel().remoteAddress() + " failed: " + root.getMessage() + hint;
    }

    private void failLink(JMSException cause) {
        TcpBrokerConnection c = connection;
        if (c != null) {
            c.fail(cause);
        }
    }
}
