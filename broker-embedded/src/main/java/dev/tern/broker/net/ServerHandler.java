package dev.tern.broker.net;

import dev.tern.broker.TernBroker;
import dev.tern.broker.store.SyncPolicy;
import dev.tern.protocol.FrameBuilder;
import dev.tern.protocol.FrameReader;
import dev.tern.protocol.FrameType;
import dev.tern.protocol.Preamble;
import dev.tern.protocol.Protocol;
import dev.tern.protocol.ProtocolException;
import dev.tern.protocol.RejectCodes;
import dev.tern.protocol.RemoteErrors;
import dev.tern.protocol.WireTypes;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DeliveryTag;
import dev.tern.transport.DestinationRef;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.TransactionRolledBackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The broker end of one client channel: checks the preamble and HELLO, opens a broker connection for
 * the client, turns each request frame into a call on it (run in order: on a worker, see
 * {@link SerialExecutor}, or on the event loop when it cannot block) and each delivery into a
 * DELIVERY frame. Any protocol violation closes this channel only, with the reason logged.
 */
final class ServerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ServerHandler.class);
    /** Stop reading a client's requests while this many wait to be executed... */
    private static final int MAX_QUEUED_REQUESTS = 1_000;
    /** ...or while they hold this many bytes. */
    private static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024;

    private final TernBroker broker;
    private final TcpAcceptorConfig config;
    private final Executor workers;
    private final SerialExecutor serial;
    /** Transactions with a send or ack that failed unseen: their commit must fail. */
    private final Set<Long> failedTransactions = ConcurrentHashMap.newKeySet();
    private Channel channel;
    /** Every frame written from outside the event loop: in order, flushed once per batch. */
    private FrameOutbox outbox;
    private volatile BrokerConnection connection;
    private boolean preambleSeen;
    private boolean helloSeen;
    private volatile boolean closing;
    private ScheduledFuture<?> handshakeTimer;
    /** Journal appends wait for an fsync ({@code FSYNC}): requests that append never run on the event loop. */
    private final boolean syncWaits;
    /** The smaller of the client's maxFrameSize (from its HELLO) and ours: no frame to it may be larger. */
    private volatile int frameLimit;

    ServerHandler(TernBroker broker, TcpAcceptorConfig config, Executor workers) {
        this.broker = broker;
        this.config = config;
        this.workers = workers;
        this.serial = new SerialExecutor(workers, this::updateAutoReadLater);
        this.syncWaits = broker.config().syncPolicy() == SyncPolicy.FSYNC;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        outbox = new FrameOutbox(channel);
        handshakeTimer = ctx.executor().schedule(() -> {
            if (connection == null) {
                drop("no handshake within " + config.handshakeTimeoutMillis() + " ms");
            }
        }, config.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
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
            if (closing) {
                return;
            }
            int size = frame.readableBytes();
            FrameReader in = new FrameReader(frame);
            if (!helloSeen) {
                if (in.type() != FrameType.HELLO) {
                    throw new ProtocolException(FrameType.name(in.type()) + " before HELLO");
                }
                onHello(in);
                return;
            }
            if (in.type() == FrameType.HEARTBEAT) {
                in.end();
                return;
            }
            if (in.type() == FrameType.HELLO) {
                throw new ProtocolException("second HELLO");
            }
            if (!FrameType.isRequest(in.type())) {
                throw new ProtocolException("unexpected frame " + FrameType.name(in.type()));
            }
            int correlationId = in.readInt();
            boolean neverBlocks = neverBlocks(in.type(), correlationId, frame);
            Runnable request = decodeRequest(in, correlationId);
            in.end();
            Runnable guarded = () -> {
                if (connection != null) { // null if the HELLO was refused
                    request.run();
                }
            };
            if (!(neverBlocks && serial.runIfIdle(guarded))) {
                serial.submit(guarded, size);
            }
            updateAutoRead();
        } catch (ProtocolException e) {
            drop("protocol error: " + e.getMessage());
        } finally {
            frame.release();
        }
    }

    // ---- handshake

    private void onPreamble(ChannelHandlerContext ctx, Preamble preamble) {
        preambleSeen = true;
        if (!preamble.magicOk()) {
            drop("not a Tern client (bad magic in the preamble)");
            return;
        }
        ctx.write(Unpooled.wrappedBuffer(Protocol.preamble()));
        if (preamble.version() != Protocol.VERSION) {
            reject(RejectCodes.PROTOCOL, "incompatible protocol: this broker speaks Tern protocol version "
                    + Protocol.VERSION + ", the client version " + preamble.version());
        } else {
            ctx.flush();
        }
    }

    private void onHello(FrameReader in) {
        helloSeen = true;
        String user = in.readString();
        String password = in.readString();
        int clientHeartbeat = in.readInt();
        int clientMaxFrame = in.readInt();
        int properties = in.readCount(8);
        StringBuilder props = new StringBuilder();
        for (int i = 0; i < properties; i++) {
            props.append(in.readString()).append('=').append(in.readString()).append(' ');
        }
        in.end();
        if (clientHeartbeat < 0 || clientMaxFrame < 1) {
            throw new ProtocolException("bad HELLO values: heartbeat " + clientHeartbeat + ", maxFrameSize "
                    + clientMaxFrame);
        }
        frameLimit = Math.min(clientMaxFrame, config.maxFrameSize());
        LOG.debug("HELLO from {} user={} {}", channel.remoteAddress(), user, props);
        channel.config().setAutoRead(false); // nothing more until the client is accepted
        serial.submit(() -> accept(user, password, clientHeartbeat), 0);
    }

    /** On a worker: authenticates (which may block), opens the broker connection, answers. */
    private void accept(String user, String password, int clientHeartbeat) {
        String refusal = authenticate(user, password);
        if (refusal != null) {
            LOG.warn("TERN-N001 refused {} (user {}): {}", channel.remoteAddress(), user, refusal);
            channel.eventLoop().execute(() -> reject(RejectCodes.AUTHENTICATION, refusal));
            return;
        }
        BrokerConnection opened;
        try {
            opened = broker.connect(user, password, this::onBrokerFailure);
        } catch (jakarta.jms.JMSSecurityException e) {
            LOG.warn("TERN-N001 refused {} (user {}): {}", channel.remoteAddress(), user, e.getMessage());
            channel.eventLoop().execute(() -> reject(RejectCodes.AUTHENTICATION, e.getMessage()));
            return;
        } catch (JMSException e) {
            channel.eventLoop().execute(() -> reject(RejectCodes.UNAVAILABLE, e.getMessage()));
            return;
        }
        connection = opened; // before the event loop runs: requests already queued behind us need it
        channel.eventLoop().execute(() -> {
            if (closing || !channel.isActive()) {
                opened.close();
                return;
            }
            handshakeTimer.cancel(false);
            if (config.heartbeatTimeoutMillis() > 0 || clientHeartbeat > 0) {
                channel.pipeline().addBefore("tern", "idle", new IdleStateHandler(config.heartbeatTimeoutMillis(),
                        clientHeartbeat, 0, TimeUnit.MILLISECONDS));
            }
            channel.writeAndFlush(FrameBuilder.start(channel.alloc(), FrameType.HELLO_OK)
                    .writeString(opened.connectionId())
                    .writeInt(config.heartbeatIntervalMillis())
                    .writeInt(frameLimit) // negotiated: the client sends nothing it could not receive
                    .build());
            LOG.debug("Connection {} opened for {} (user {})", opened.connectionId(), channel.remoteAddress(), user);
            channel.config().setAutoRead(true);
        });
    }

    /** The reason to refuse the client, or null to accept it. */
    private String authenticate(String user, String password) {
        Authenticator authenticator = config.authenticator();
        if (authenticator == null) { // the broker's own users (none configured: everyone is accepted)
            try {
                broker.authenticate(user, password);
                return null;
            } catch (JMSException e) {
                return e.getMessage();
            }
        }
        try {
            return authenticator.authenticate(user, password) ? null : "wrong user name or password";
        } catch (RuntimeException e) {
            return e.getMessage() != null ? e.getMessage() : "authentication failed: " + e;
        }
    }

    private void reject(byte code, String reason) {
        closing = true;
        channel.writeAndFlush(FrameBuilder.start(channel.alloc(), FrameType.HELLO_REJECTED)
                .writeByte(code).writeString(reason).build()).addListener(ChannelFutureListener.CLOSE);
        if (code == RejectCodes.PROTOCOL) {
            LOG.warn("TERN-N002 closed connection from {}: {}", channel.remoteAddress(), reason);
        }
    }

    // ---- requests

    /**
     * Whether a request waits for nothing (no fsync, no authentication), so it may run on the event
     * loop when the connection has nothing queued: a persistent send is then journalled and answered
     * without a hand-off to a worker and back, two thread wake-ups fewer per round trip. Called with
     * the frame read up to the correlation id (a SEND's or ACKNOWLEDGE's transaction comes next).
     */
    private boolean neverBlocks(byte type, int id, ByteBuf fields) {
        return switch (type) {
            case FrameType.ADD_CREDIT -> true;
            // without fsync nothing waits; with it, work buffered in a transaction and lazy
            // acknowledgements (transaction 0, no correlation id) do not wait for the disk either
            case FrameType.SEND, FrameType.ACKNOWLEDGE -> !syncWaits
                    || (fields.readableBytes() >= Long.BYTES && fields.getLong(fields.readerIndex()) != 0)
                    || (type == FrameType.ACKNOWLEDGE && id == Protocol.NO_RESPONSE);
            case FrameType.COMMIT, FrameType.ROLLBACK -> !syncWaits;
            default -> false;
        };
    }

    private Runnable decodeRequest(FrameReader in, int id) {
        switch (in.type()) {
            case FrameType.SET_CLIENT_ID -> {
                String clientId = in.readString();
                return () -> respond(id, () -> connection.setClientId(clientId));
            }
            case FrameType.CREATE_CONSUMER -> {
                ConsumerSpec spec = WireTypes.readSpec(in);
                return () -> respond(id, () -> connection.createConsumer(spec, this::push));
            }
            case FrameType.ADD_CREDIT -> {
                long consumerId = in.readLong();
                int credit = in.readInt();
                return () -> respond(id, () -> connection.addCredit(consumerId, credit));
            }
            case FrameType.CLOSE_CONSUMER -> {
                long consumerId = in.readLong();
                return () -> respond(id, () -> connection.closeConsumer(consumerId));
            }
            case FrameType.SEND -> {
                long tx = in.readLong();
                byte[] message = in.readBytes();
                return () -> send(id, tx, message);
            }
            case FrameType.ACKNOWLEDGE -> {
                long tx = in.readLong();
                List<DeliveryTag> tags = WireTypes.readTags(in);
                // transaction 0 without a correlation id: the client's automatic acknowledgements,
                // applied in order but not waiting for the journal to be forced to disk
                boolean lazy = tx == 0 && id == Protocol.NO_RESPONSE;
                return () -> {
                    boolean ok = respond(id, () -> {
                        if (lazy) {
                            connection.acknowledgeAsync(tags);
                        } else {
                            connection.acknowledge(tx, tags);
                        }
                    });
                    if (!ok && tx != 0) {
                        failedTransactions.add(tx);
                    }
                };
            }
            case FrameType.RELEASE -> {
                boolean delivered = in.readBoolean();
                List<DeliveryTag> tags = WireTypes.readTags(in);
                return () -> respond(id, () -> connection.release(tags, delivered));
            }
            case FrameType.RECOVER -> {
                List<Long> consumerIds = WireTypes.readIds(in);
                List<DeliveryTag> delivered = WireTypes.readTags(in);
                return () -> respond(id, () -> connection.recover(consumerIds, delivered));
            }
            case FrameType.COMMIT -> {
                long tx = in.readLong();
                return () -> respond(id, () -> {
                    if (failedTransactions.remove(tx)) {
                        connection.rollback(tx);
                        throw new TransactionRolledBackException("A send or acknowledgement of the transaction"
                                + " failed (reported to the ExceptionListener): rolled back");
                    }
                    connection.commit(tx);
                });
            }
            case FrameType.ROLLBACK -> {
                long tx = in.readLong();
                return () -> respond(id, () -> {
                    failedTransactions.remove(tx);
                    connection.rollback(tx);
                });
            }
            case FrameType.BROWSE -> {
                DestinationRef queue = WireTypes.readDestination(in);
                String selector = in.readString();
                return () -> browse(id, queue, selector);
            }
            case FrameType.CREATE_TEMPORARY -> {
                boolean topic = in.readBoolean();
                return () -> answer(id, out -> WireTypes.writeDestination(out,
                        connection.createTemporaryDestination(topic)));
            }
            case FrameType.DELETE_TEMPORARY -> {
                DestinationRef destination = WireTypes.readDestination(in);
                return () -> respond(id, () -> connection.deleteTemporaryDestination(destination));
            }
            case FrameType.UNSUBSCRIBE -> {
                String name = in.readString();
                return () -> respond(id, () -> connection.unsubscribe(name));
            }
            case FrameType.CLOSE -> {
                return () -> {
                    closing = true;
                    connection.close();
                    outbox.writeAndClose(response(id).build());
                };
            }
            default -> throw new ProtocolException("unknown request " + FrameType.name(in.type()));
        }
    }

    private void send(int id, long tx, byte[] message) {
        if (Protocol.deliveryFrameLength(message.length) > frameLimit) { // could never be pushed to this client
            if (tx != 0) {
                failedTransactions.add(tx);
            }
            error(id, new ResourceAllocationException("A message of " + message.length + " bytes is too large for "
                    + "this connection's maxFrameSize " + frameLimit));
            return;
        }
        CompletableFuture<Void> receipt = connection.send(tx, message);
        receipt.whenComplete((ok, error) -> {
            if (error == null) {
                if (id != Protocol.NO_RESPONSE) {
                    outbox.write(response(id).build());
                }
                return;
            }
            if (tx != 0) {
                failedTransactions.add(tx);
            }
            error(id, error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error);
        });
    }

    private void browse(int id, DestinationRef queue, String selector) {
        answer(id, out -> {
            List<byte[]> messages = connection.browse(queue, selector);
            long size = 0;
            for (byte[] m : messages) {
                size += 4 + m.length;
            }
            if (size + 64 > frameLimit) {
                throw new ResourceAllocationException("The browse snapshot of " + queue + " (" + size
                        + " bytes) exceeds this connection's maxFrameSize " + frameLimit);
            }
            out.writeInt(messages.size());
            for (byte[] m : messages) {
                out.writeBytes(m);
            }
        });
    }

    @FunctionalInterface
    private interface Call {
        void run() throws JMSException;
    }

    @FunctionalInterface
    private interface Answer {
        void write(FrameBuilder out) throws JMSException;
    }

    /** Runs a call and answers with an empty RESPONSE or an ERROR; true if it succeeded. */
    private boolean respond(int id, Call call) {
        return answer(id, out -> call.run());
    }

    private boolean answer(int id, Answer answer) {
        FrameBuilder out = response(id);
        try {
            answer.write(out);
        } catch (JMSException | RuntimeException e) {
            out.discard();
            error(id, e);
            return false;
        }
        if (id == Protocol.NO_RESPONSE) {
            out.discard();
        } else {
            outbox.write(out.build());
        }
        return true;
    }

    private FrameBuilder response(int id) {
        return FrameBuilder.request(channel.alloc(), FrameType.RESPONSE, id);
    }

    private void error(int id, Throwable error) {
        if (!(error instanceof JMSException)) {
            LOG.warn("TERN-N011 request of connection {} failed", connection.connectionId(), error);
        }
        FrameBuilder out = FrameBuilder.request(channel.alloc(), FrameType.ERROR, id);
        RemoteErrors.write(out, error);
        outbox.write(out.build());
    }

    // ---- pushes

    /**
     * Called by the broker's dispatch threads; credit bounds how many are outstanding. Queued, not
     * flushed: a dispatch pass's deliveries leave in one flush.
     */
    private void push(Delivery delivery) {
        if (Protocol.deliveryFrameLength(delivery.message().length) > frameLimit) {
            refuseOversized(delivery);
            return;
        }
        outbox.write(FrameBuilder.start(channel.alloc(), FrameType.DELIVERY)
                .writeLong(delivery.consumerId())
                .writeLong(delivery.sequence())
                .writeInt(delivery.deliveryCount())
                .lastBytes(delivery.message())
                .build());
    }

    /**
     * A message sent by a connection with a larger frame limit, too large for this client's: its
     * decoder would drop the connection, and the redelivery would do it again. Instead the message
     * stays in flight on this connection, unseen (it goes back to the queue, for a consumer that can
     * take it, when this connection closes), the client's ExceptionListener is told, and the consumer
     * gets its credit back so the messages behind it keep flowing.
     */
    private void refuseOversized(Delivery delivery) {
        String reason = "A message of " + delivery.message().length + " bytes (broker sequence "
                + delivery.sequence() + ") is too large for this connection's maxFrameSize " + frameLimit
                + ": not delivered to consumer " + delivery.consumerId()
                + "; it returns to its destination when this connection closes";
        LOG.warn("TERN-N005 connection {}: {}", connection.connectionId(), reason);
        FrameBuilder out = FrameBuilder.request(channel.alloc(), FrameType.ERROR, Protocol.NO_RESPONSE);
        RemoteErrors.write(out, new ResourceAllocationException(reason));
        outbox.write(out.build()); // in order with the deliveries queued before it
        serial.submit(() -> { // not on the dispatch thread that called push
            try {
                connection.addCredit(delivery.consumerId(), 1);
            } catch (JMSException e) {
                LOG.debug("No credit back for consumer {}: {}", delivery.consumerId(), e.getMessage());
            }
        }, 0);
    }

    /** The broker closed the connection (it stops): tell the client why, then hang up. */
    private void onBrokerFailure(JMSException cause) {
        closing = true;
        outbox.writeAndClose(FrameBuilder.start(channel.alloc(), FrameType.CONNECTION_FAILED)
                .writeString(cause.getMessage()).build());
    }

    // ---- flow control, heartbeats, failures

    /** Reads only while the client's responses can be written and its requests do not pile up. */
    private void updateAutoRead() {
        if (connection == null || closing) {
            return;
        }
        boolean read = channel.isWritable() && serial.queued() < MAX_QUEUED_REQUESTS
                && serial.queuedBytes() < MAX_QUEUED_BYTES;
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }

    private void updateAutoReadLater() {
        if (channel != null && !channel.config().isAutoRead()) {
            channel.eventLoop().execute(this::updateAutoRead);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateAutoRead();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(FrameBuilder.start(ctx.alloc(), FrameType.HEARTBEAT).build(), ctx.voidPromise());
            } else if (idle.state() == IdleState.READER_IDLE && ctx.channel().config().isAutoRead()) {
                // (not reading on purpose is not the client's silence)
                drop("no frame for " + config.heartbeatTimeoutMillis() + " ms (heartbeat timeout): client presumed dead");
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolException) {
            drop("protocol error: " + root.getMessage());
        } else if (root instanceof javax.net.ssl.SSLException) { // one line: a stack says nothing more
            LOG.warn("TERN-N004 TLS failure with {}: {}", ctx.channel().remoteAddress(), root.getMessage());
            ctx.close();
        } else if (root instanceof java.io.IOException) {
            LOG.debug("Connection from {}: {}", ctx.channel().remoteAddress(), root.toString());
            ctx.close();
        } else {
            LOG.warn("TERN-N012 closing connection from {}", ctx.channel().remoteAddress(), root);
            ctx.close();
        }
    }

    /** Closes this channel for a reason the log should show. */
    private void drop(String reason) {
        if (closing && !channel.isActive()) {
            return;
        }
        closing = true;
        BrokerConnection c = connection;
        LOG.warn("TERN-N003 closing connection {}from {}: {}", c != null ? c.connectionId() + " " : "",
                channel.remoteAddress(), reason);
        channel.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        BrokerConnection c = connection;
        if (c != null) {
            // after the requests already read: their effects (acks, sends) stand, then clean up
            serial.submit(c::close, 0);
        }
        ctx.fireChannelInactive();
    }
}
