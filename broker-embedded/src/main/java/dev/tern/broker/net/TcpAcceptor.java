package dev.tern.broker.net;

import dev.tern.broker.TernBroker;
import dev.tern.protocol.FrameDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts Tern protocol clients on a TCP port for one broker. Threads: {@code tern-net-<broker>-accept}
 * and {@code -io} (Netty event loops) and {@code -worker-N} (run the requests, which may block on
 * the journal). {@link #close} stops accepting, closes every client channel and ends the threads.
 *
 * <pre>{@code
 * TcpAcceptor acceptor = broker.startAcceptor(TcpAcceptorConfig.builder().port(0).build());
 * int port = acceptor.port();
 * }</pre>
 */
public final class TcpAcceptor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpAcceptor.class);
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024);

    private final TernBroker broker;
    private final TcpAcceptorConfig config;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ExecutorService workers;
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel serverChannel;
    private final int port;
    private volatile boolean closed;

    private TcpAcceptor(TernBroker broker, TcpAcceptorConfig config) {
        this.broker = broker;
        this.config = config;
        SslContext sslContext = config.tls() == null ? null : config.tls().serverContext(); // fails before any thread
        String prefix = "tern-net-" + broker.name();
        acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(prefix + "-accept", true),
                NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory(prefix + "-io", true), NioIoHandler.newFactory());
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, prefix + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptGroup, ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            clients.add(ch);
                            if (sslContext != null) { // outermost: the Tern protocol travels inside TLS
                                SslHandler tls = sslContext.newHandler(ch.alloc());
                                tls.setHandshakeTimeoutMillis(config.handshakeTimeoutMillis());
                                ch.pipeline().addLast("tls", tls);
                            }
                            ch.pipeline().addLast("flush", new FlushConsolidationHandler(64, true));
                            ch.pipeline().addLast("frames", new FrameDecoder(config.maxFrameSize()));
                            ch.pipeline().addLast("tern", new ServerHandler(broker, config, workers));
                        }
                    });
            serverChannel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownThreads();
            Throwable cause = e;
            throw new UncheckedIOException("TERN-N020 broker " + broker.name() + " cannot listen on "
                    + config.host() + ":" + config.port() + ": " + cause.getMessage(),
                    cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause));
        }
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("Broker {} listening on {}://{}:{} (maxFrameSize={}, heartbeat {} ms, timeout {} ms{})",
                broker.name(), scheme(), config.host(), port, config.maxFrameSize(), config.heartbeatIntervalMillis(),
                config.heartbeatTimeoutMillis(), config.tls() == null ? "" : ", " + config.tls());
        if (config.authenticator() == null && broker.config().users().acceptsAll()) {
            LOG.info("Broker {}: no authentication on tcp port {}: every client is accepted", broker.name(), port);
        }
    }

    /**
     * Starts listening for {@code broker}. Prefer {@link TernBroker#startAcceptor}, which also closes
     * the acceptor when the broker stops. {@code UncheckedIOException} if the address cannot be bound.
     */
    public static TcpAcceptor start(TernBroker broker, TcpAcceptorConfig config) {
        return new TcpAcceptor(broker, config);
    }

    /** The port listened on (the chosen one when the configuration said 0). */
    public int port() {
        return port;
    }

    public String host() {
        return config.host();
    }

    public TcpAcceptorConfig config() {
        return config;
    }

    /**
     * A client URL for this acceptor on the loopback interface, e.g. {@code tcp://127.0.0.1:61616}, or
     * {@code ssl://127.0.0.1:61617} with TLS (the client then needs its trust store options too).
     */
    public String localUrl() {
        return scheme() + "://127.0.0.1:" + port;
    }

    /** {@code ssl} when this port speaks TLS, {@code tcp} otherwise. */
    public String scheme() {
        return config.tls() == null ? "tcp" : "ssl";
    }

    /** How many client channels are open now. */
    public int clientCount() {
        return clients.size();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops accepting, closes every client channel (their broker connections are cleaned up as for a
     * dead client) and ends the threads. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        serverChannel.close().awaitUninterruptibly(5_000);
        clients.close().awaitUninterruptibly(5_000);
        shutdownThreads();
        LOG.info("Broker {} stopped listening on {} port {}", broker.name(), scheme(), port);
    }

    private void shutdownThreads() {
        acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        acceptGroup.terminationFuture().awaitUninterruptibly(10_000);
        ioGroup.terminationFuture().awaitUninterruptibly(10_000);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("TERN-N021 request workers of broker {} still busy after 10 s", broker.name());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "TcpAcceptor[" + broker.name() + " " + config.host() + ":" + port + "]";
    }
}
