package dev.tern.transport.tcp;

import dev.tern.protocol.FrameDecoder;
import dev.tern.protocol.Protocol;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConnectionListener;
import dev.tern.transport.TransportFactory;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import jakarta.jms.JMSException;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code tcp} transport: {@code tcp://host[:port][?options]} (default port 61616) opens one TCP
 * channel per JMS connection and speaks the Tern protocol on it (see {@code docs/PROTOCOL.md}). The
 * user and password come from the {@code user}/{@code password} options, which the client fills in
 * from {@code createConnection(user, password)}. See {@link TcpOptions} for the transport's options
 * and {@link TlsOptions} for TLS ({@code tls=true}, or the {@link SslTransportFactory ssl} scheme).
 */
public final class TcpTransportFactory implements TransportFactory {

    private final boolean tls;

    /** The {@code tcp} scheme: TLS only with {@code tls=true}. */
    public TcpTransportFactory() {
        this(false);
    }

    TcpTransportFactory(boolean tls) {
        this.tls = tls;
    }

    /** Outbound bytes buffered per channel before writers wait (back-pressure). */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    @Override
    public String scheme() {
        return tls ? "ssl" : "tcp";
    }

    @Override
    public BrokerConnection connect(URI uri, Map<String, String> options, ConnectionListener listener)
            throws JMSException {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new JMSException("No host in " + uri + " (expected " + scheme() + "://host[:port])");
        }
        int port = uri.getPort() < 0 ? Protocol.DEFAULT_PORT : uri.getPort();
        TcpOptions tcp = TcpOptions.parse(options);
        TlsOptions tlsOptions = TlsOptions.parse(options, tls);
        SslContext sslContext = tlsOptions == null ? null : tlsOptions.context();
        EventLoopGroup group = ClientEventLoops.acquire();
        ClientHandler handler = new ClientHandler(tcp, sslContext != null, options.get("user"), options.get("password"),
                listener);
        Channel channel = null;
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, tcp.connectTimeoutMillis())
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (sslContext != null) { // outermost: everything below travels encrypted
                                ch.pipeline().addLast("tls", tlsOptions.handler(sslContext, ch.alloc(), host, port,
                                        tcp.connectTimeoutMillis()));
                            }
                            ch.pipeline().addLast("flush", new FlushConsolidationHandler(64, true));
                            ch.pipeline().addLast("frames", new FrameDecoder(tcp.maxFrameSize()));
                            ch.pipeline().addLast("tern", handler);
                        }
                    });
            ChannelFuture connected = bootstrap.connect(host, port);
            channel = connected.channel();
            channel.closeFuture().addListener(f -> ClientEventLoops.release(group)); // once per channel
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(tcp.connectTimeoutMillis());
            if (!connected.await(tcp.connectTimeoutMillis()) || !connected.isSuccess()) {
                Throwable cause = connected.cause();
                throw TcpBrokerConnection.jmsException("Cannot connect to " + host + ":" + port + ": "
                        + (cause != null ? cause.getMessage() : "timed out after " + tcp.connectTimeoutMillis()
                        + " ms"), cause);
            }
            CompletableFuture<TcpBrokerConnection> handshake = handler.handshake();
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            return handshake.get(left, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            closeQuietly(channel, group);
            if (e.getCause() instanceof JMSException jms) {
                throw jms;
            }
            throw TcpBrokerConnection.jmsException("Cannot connect to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            closeQuietly(channel, group);
            throw new JMSException("No handshake from " + host + ":" + port + " within "
                    + tcp.connectTimeoutMillis() + " ms (connectTimeout): is it a Tern broker?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel, group);
            throw new JMSException("Interrupted while connecting to " + uri);
        } catch (JMSException | RuntimeException e) {
            closeQuietly(channel, group);
            throw e;
        }
    }

    private static void closeQuietly(Channel channel, EventLoopGroup group) {
        if (channel != null) {
            channel.close().awaitUninterruptibly(1000); // its close future releases the group
        } else {
            ClientEventLoops.release(group);
        }
    }
}
