package dev.tern.transport.tcp;

import dev.tern.message.MessageCodec;
import dev.tern.protocol.FrameBuilder;
import dev.tern.protocol.FrameReader;
import dev.tern.protocol.FrameType;
import dev.tern.protocol.Protocol;
import dev.tern.protocol.WireTypes;
import dev.tern.transport.BrokerConnection;
import dev.tern.transport.ConnectionListener;
import dev.tern.transport.ConsumerSpec;
import dev.tern.transport.Delivery;
import dev.tern.transport.DeliveryListener;
import dev.tern.transport.DeliveryTag;
import dev.tern.transport.DestinationRef;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One JMS connection's link to a broker over one TCP channel. Requests are pipelined: each gets a
 * correlation id and a future the response completes; sends and acks inside a transaction and
 * credit grants want no response (a failure comes back as an asynchronous error, and a transaction
 * with a failed send cannot commit). Non-persistent sends do not wait for their receipt, but at most
 * a producer window of them per destination is unconfirmed ({@link SendWindow}). When the link fails, every pending request
 * fails with a {@code JMSException} and the {@link ConnectionListener} is told.
 */
final class TcpBrokerConnection implements BrokerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(TcpBrokerConnection.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final Channel channel;
    private final ConnectionListener listener;
    private final String connectionId;
    private final int brokerMaxFrameSize;
    private final SendWindow sendWindow;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Long, DeliveryListener> consumers = new ConcurrentHashMap<>();
    private final AtomicInteger correlation = new AtomicInteger();
    private final Object writable = new Object();
    private volatile JMSException failure;
    private volatile boolean closedByClient;

    private record Pending(byte type, Function<FrameReader, Object> decoder, CompletableFuture<Object> future) {
    }

    TcpBrokerConnection(Channel channel, ConnectionListener listener, String connectionId,
                        int brokerMaxFrameSize, int producerWindowSize) {
        this.channel = channel;
        this.listener = listener;
        this.connectionId = connectionId;
        this.brokerMaxFrameSize = brokerMaxFrameSize;
        this.sendWindow = new SendWindow(producerWindowSize);
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public void setClientId(String clientId) throws JMSException {
        call(FrameType.SET_CLIENT_ID, out -> out.writeString(clientId));
    }

    @Override
    public void createConsumer(ConsumerSpec spec, DeliveryListener deliveryListener) throws JMSException {
        // registered first: deliveries may arrive before the response
        DeliveryListener previous = consumers.putIfAbsent(spec.consumerId(), deliveryListener);
        if (previous != null) {
            throw new IllegalStateException("Consumer id " + spec.consumerId() + " is already in use");
        }
        try {
            call(FrameType.CREATE_CONSUMER, out -> WireTypes.writeSpec(out, spec));
        } catch (JMSException | RuntimeException e) {
            consumers.remove(spec.consumerId(), deliveryListener);
            throw e;
        }
    }

    @Override
    public void addCredit(long consumerId, int credit) throws JMSException {
        fireAndForget(FrameType.ADD_CREDIT, out -> out.writeLong(consumerId).writeInt(credit));
    }

    @Override
    public void closeConsumer(long consumerId) throws JMSException {
        call(FrameType.CLOSE_CONSUMER, out -> out.writeLong(consumerId));
        consumers.remove(consumerId);
    }

    @Override
    public CompletableFuture<Void> send(long transactionId, byte[] message) {
        try {
            // A message must fit the DELIVERY frame that will carry it to a consumer, not only this SEND.
            if (Protocol.deliveryFrameLength(message.length) > brokerMaxFrameSize) {
                return CompletableFuture.failedFuture(new ResourceAllocationException("A message of "
                        + message.length + " bytes is too large for this connection's maxFrameSize "
                        + brokerMaxFrameSize + " (the smaller of the client's and the broker's)"));
            }
            if (transactionId != 0) {
                fireAndForget(FrameType.SEND, out -> out.writeLong(transactionId).lastBytes(message));
                return CompletableFuture.completedFuture(null);
            }
            var header = MessageCodec.readHeader(message);
            if (!header.persistent()) {
                sendUnconfirmed(header.destination(), message);
                return CompletableFuture.completedFuture(null);
            }
            return request(FrameType.SEND, out -> out.writeLong(transactionId).lastBytes(message), in -> null)
                    .thenApply(ignored -> null);
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(jmsException("Cannot send: " + e.getMessage(), e));
        }
    }

    /**
     * A non-persistent send: the caller goes on without the receipt, but waits first while the
     * destination's unconfirmed sends fill the producer window (the broker withholds receipts while
     * the destination is full). A refusal is thrown by the next send to the destination; another
     * failure goes to the {@code ExceptionListener}.
     */
    private void sendUnconfirmed(DestinationRef destination, byte[] message) throws JMSException {
        long size = message.length;
        sendWindow.acquire(destination, size, this::closedException);
        CompletableFuture<Object> receipt;
        try {
            receipt = request(FrameType.SEND, out -> out.writeLong(0).lastBytes(message), in -> null);
        } catch (JMSException | RuntimeException e) {
            sendWindow.confirmed(destination, size);
            throw e;
        }
        receipt.whenComplete((ok, error) -> {
            if (error == null) {
                sendWindow.confirmed(destination, size);
            } else if (error instanceof jakarta.jms.ResourceAllocationException refusal) {
                sendWindow.refused(destination, size, refusal);
            } else {
                sendWindow.confirmed(destination, size);
                if (failure == null && error instanceof JMSException jms) { // (a lost link is reported once)
                    LOG.debug("Connection {}: non-persistent send failed: {}", connectionId, jms.getMessage());
                    listener.onError(jms);
                }
            }
        });
    }

    private JMSException closedException() {
        try {
            checkOpen();
            return new IllegalStateException("Connection " + connectionId + " is closed");
        } catch (JMSException e) {
            return e;
        }
    }

    @Override
    public void acknowledge(long transactionId, Collection<DeliveryTag> tags) throws JMSException {
        if (transactionId != 0) {
            fireAndForget(FrameType.ACKNOWLEDGE, out -> {
                out.writeLong(transactionId);
                WireTypes.writeTags(out, tags);
            });
            return;
        }
        call(FrameType.ACKNOWLEDGE, out -> {
            out.writeLong(0);
            WireTypes.writeTags(out, tags);
        });
    }

    @Override
    public void release(Collection<DeliveryTag> tags, boolean delivered) throws JMSException {
        call(FrameType.RELEASE, out -> {
            out.writeBoolean(delivered);
            WireTypes.writeTags(out, tags);
        });
    }

    @Override
    public void recover(Collection<Long> consumerIds, Collection<DeliveryTag> delivered) throws JMSException {
        // The response comes after every delivery pushed before the broker took the request: when
        // call() returns, those deliveries are in the consumers' buffers, for the session to drop.
        call(FrameType.RECOVER, out -> {
            WireTypes.writeIds(out, consumerIds);
            WireTypes.writeTags(out, delivered);
        });
    }

    @Override
    public void commit(long transactionId) throws JMSException {
        call(FrameType.COMMIT, out -> out.writeLong(transactionId));
    }

    @Override
    public void rollback(long transactionId) throws JMSException {
        call(FrameType.ROLLBACK, out -> out.writeLong(transactionId));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<byte[]> browse(DestinationRef queue, String selector) throws JMSException {
        return (List<byte[]>) await(request(FrameType.BROWSE, out -> {
            WireTypes.writeDestination(out, queue);
            out.writeString(selector);
        }, in -> {
            int count = in.readCount(4);
            List<byte[]> messages = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                messages.add(in.readBytes());
            }
            return messages;
        }));
    }

    @Override
    public DestinationRef createTemporaryDestination(boolean topic) throws JMSException {
        return (DestinationRef) await(request(FrameType.CREATE_TEMPORARY, out -> out.writeBoolean(topic),
                WireTypes::readDestination));
    }

    @Override
    public void deleteTemporaryDestination(DestinationRef destination) throws JMSException {
        call(FrameType.DELETE_TEMPORARY, out -> WireTypes.writeDestination(out, destination));
    }

    @Override
    public void unsubscribe(String subscriptionName) throws JMSException {
        call(FrameType.UNSUBSCRIBE, out -> out.writeString(subscriptionName));
    }

    /** Says goodbye (the broker cleans up at once), then closes the channel; never throws. */
    @Override
    public void close() {
        if (closedByClient) {
            return;
        }
        closedByClient = true;
        if (failure == null && channel.isWritable()) { // (a broker that does not read gets no goodbye)
            try {
                // never waits for writability: closing must work while the broker does not read
                closeRequest().get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | JMSException e) {
                LOG.debug("Connection {}: goodbye not confirmed: {}", connectionId, e.toString());
            }
        }
        fail(new IllegalStateException("Connection " + connectionId + " is closed"));
    }

    // ---- called by the channel handler (event-loop thread)

    void onResponse(FrameReader in) {
        int id = in.readInt();
        Pending request = pending.remove(id);
        if (request == null) {
            throw new dev.tern.protocol.ProtocolException("response to unknown request " + id);
        }
        Object value = request.decoder().apply(in);
        in.end();
        request.future().complete(value);
    }

    void onError(FrameReader in) {
        int id = in.readInt();
        JMSException error = dev.tern.protocol.RemoteErrors.read(in);
        in.end();
        if (id == Protocol.NO_RESPONSE) {
            LOG.debug("Connection {}: asynchronous error from the broker: {}", connectionId, error.getMessage());
            listener.onError(error);
            return;
        }
        Pending request = pending.remove(id);
        if (request == null) {
            throw new dev.tern.protocol.ProtocolException("error for unknown request " + id);
        }
        request.future().completeExceptionally(error);
    }

    void onDelivery(FrameReader in) {
        long consumerId = in.readLong();
        long sequence = in.readLong();
        int deliveryCount = in.readInt();
        byte[] message = in.readBytes();
        in.end();
        DeliveryListener consumer = consumers.get(consumerId);
        if (consumer == null) {
            // pushed while the consumer was closing: give it back so another consumer gets it
            LOG.debug("Connection {}: delivery for closed consumer {} released", connectionId, consumerId);
            try {
                fireAndForget(FrameType.RELEASE, out -> {
                    out.writeBoolean(false);
                    WireTypes.writeTags(out, List.of(new DeliveryTag(consumerId, sequence)));
                });
            } catch (JMSException e) {
                LOG.debug("Connection {}: cannot release {}: {}", connectionId, sequence, e.getMessage());
            }
            return;
        }
        consumer.onDelivery(new Delivery(consumerId, sequence, deliveryCount, message));
    }

    void onWritabilityChanged() {
        synchronized (writable) {
            writable.notifyAll();
        }
    }

    /**
     * Ends the link once: pending requests fail with {@code cause}, the channel closes, the event
     * loops are released, and (unless the application closed the connection) the listener is told on
     * a thread of its own, since it closes the client side and may wait for session threads.
     */
    void fail(JMSException cause) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = cause;
        }
        for (Integer id : new ArrayList<>(pending.keySet())) {
            Pending request = pending.remove(id);
            if (request != null) {
                request.future().completeExceptionally(cause);
            }
        }
        sendWindow.fail(cause);
        onWritabilityChanged();
        channel.close(); // the channel's close future releases the event loops
        if (!closedByClient) {
            LOG.warn("Connection {} to {} failed: {}", connectionId, channel.remoteAddress(), cause.getMessage());
            Thread notifier = new Thread(() -> listener.onFailure(cause), "tern-net-failure-" + connectionId);
            notifier.setDaemon(true);
            notifier.start();
        }
    }

    boolean isFailed() {
        return failure != null;
    }

    // ---- requests

    @FunctionalInterface
    private interface Fields {
        void write(FrameBuilder out) throws JMSException;
    }

    private void call(byte type, Fields fields) throws JMSException {
        await(request(type, fields, in -> null));
    }

    private CompletableFuture<Object> request(byte type, Fields fields, Function<FrameReader, Object> decoder)
            throws JMSException {
        checkOpen();
        int id = nextCorrelationId();
        FrameBuilder frame = FrameBuilder.request(channel.alloc(), type, id);
        fields.write(frame);
        CompletableFuture<Object> future = new CompletableFuture<>();
        pending.put(id, new Pending(type, decoder, future));
        try {
            write(frame);
        } catch (JMSException e) {
            pending.remove(id);
            throw e;
        }
        if (failure != null && pending.remove(id) != null) { // failed while we registered
            future.completeExceptionally(failure);
        }
        return future;
    }

    private CompletableFuture<Object> closeRequest() throws JMSException {
        int id = nextCorrelationId();
        CompletableFuture<Object> future = new CompletableFuture<>();
        pending.put(id, new Pending(FrameType.CLOSE, in -> null, future));
        channel.writeAndFlush(FrameBuilder.request(channel.alloc(), FrameType.CLOSE, id).build(), channel.voidPromise());
        return future;
    }

    private void fireAndForget(byte type, Fields fields) throws JMSException {
        checkOpen();
        FrameBuilder frame = FrameBuilder.request(channel.alloc(), type, Protocol.NO_RESPONSE);
        fields.write(frame);
        write(frame);
    }

    /** Writes a frame, first waiting while the channel's outbound buffer is full (back-pressure). */
    private void write(FrameBuilder frame) throws JMSException {
        long length = frame.frameLength();
        if (length > brokerMaxFrameSize) {
            frame.discard();
            throw new JMSException("A frame of " + length + " bytes exceeds the broker's maxFrameSize "
                    + brokerMaxFrameSize + " (message too large)");
        }
        if (!channel.eventLoop().inEventLoop()) {
            awaitWritable();
        }
        ByteBuf buf = frame.build();
        channel.writeAndFlush(buf, channel.voidPromise());
    }

    private void awaitWritable() throws JMSException {
        synchronized (writable) {
            while (!channel.isWritable() && failure == null && channel.isActive()) {
                try {
                    writable.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JMSException("Interrupted while waiting to write to the broker");
                }
            }
        }
        checkOpen();
    }

    private int nextCorrelationId() {
        int id;
        do {
            id = correlation.incrementAndGet();
        } while (id == Protocol.NO_RESPONSE);
        return id;
    }

    private Object await(CompletableFuture<Object> future) throws JMSException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("Interrupted while waiting for the broker");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JMSException jms) {
                // a fresh exception of the same kind, so the stack shows the caller
                JMSException copy = dev.tern.protocol.RemoteErrors.create(
                        dev.tern.protocol.RemoteErrors.kind(jms), jms.getMessage(), jms.getErrorCode());
                copy.initCause(jms);
                throw copy;
            }
            throw jmsException("Request failed: " + cause, cause);
        }
    }

    private void checkOpen() throws JMSException {
        JMSException failed = failure;
        if (failed != null) {
            if (closedByClient) {
                throw new IllegalStateException("Connection " + connectionId + " is closed");
            }
            throw new IllegalStateException("Connection " + connectionId + " has failed: " + failed.getMessage());
        }
    }

    static JMSException jmsException(String message, Throwable cause) {
        JMSException e = new JMSException(message);
        if (cause instanceof Exception ex) {
            e.setLinkedException(ex);
        }
        e.initCause(cause);
        return e;
    }

    @Override
    public String toString() {
        return "tcp connection " + connectionId + " to " + channel.remoteAddress();
    }
}
