package dev.tern.broker.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The frames the broker's threads (dispatch passes, request workers) write to one client channel,
 * written in the order they were queued and flushed once per batch instead of once per frame.
 *
 * <p>A {@code writeAndFlush} from outside the event loop costs a task hand-off and a socket write
 * per frame; a dispatch pass of 256 deliveries made 256 of each. Here a writer only queues the frame
 * and, if no drain is pending, schedules one: the drain writes everything queued by then and flushes
 * once. Every writer goes through the same queue, so a response still follows the deliveries pushed
 * before it (session recovery relies on that, see PROTOCOL.md).
 */
final class FrameOutbox {

    private final Channel channel;
    private final Queue<ByteBuf> frames = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile boolean closeAfterDrain;

    FrameOutbox(Channel channel) {
        this.channel = channel;
    }

    /**
     * Queues a frame; it is written and flushed soon, after every frame queued before it. On the
     * event loop with nothing queued it is written at once (a request run on the network thread
     * answers without a task; the flush is consolidated with the rest of the read batch).
     */
    void write(ByteBuf frame) {
        if (frames.isEmpty() && !closeAfterDrain && channel.eventLoop().inEventLoop()) {
            // nothing queued before it; a frame queued by another thread from now on goes after it
            channel.writeAndFlush(frame, channel.voidPromise());
            return;
        }
        frames.add(frame);
        scheduleDrain();
    }

    /** Queues a last frame, then closes the channel once everything queued is written. */
    void writeAndClose(ByteBuf frame) {
        frames.add(frame);
        closeAfterDrain = true;
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this::drain);
            } catch (RejectedExecutionException e) { // the event loop is gone: so is the channel
                drainScheduled.set(false);
                discard();
            }
        }
    }

    private void drain() {
        drainScheduled.set(false); // before polling: a frame queued from now on schedules another drain
        boolean wrote = false;
        ByteBuf frame;
        while ((frame = frames.poll()) != null) {
            channel.write(frame, channel.voidPromise());
            wrote = true;
        }
        if (closeAfterDrain) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (wrote) {
            channel.flush();
        }
    }

    private void discard() {
        ByteBuf frame;
        while ((frame = frames.poll()) != null) {
            frame.release();
        }
    }
}
