package dev.tern.transport.tcp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * The event-loop threads ({@code tern-net-client-*}) shared by all TCP connections of this JVM:
 * created with the first connection, shut down when the last one closes.
 */
final class ClientEventLoops {

    private static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private static EventLoopGroup group;
    private static int users;

    private ClientEventLoops() {
    }

    static synchronized EventLoopGroup acquire() {
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("tern-net-client", true),
                    NioIoHandler.newFactory());
        }
        users++;
        return group;
    }

    static synchronized void release(EventLoopGroup released) {
        if (released != group) {
            return;
        }
        if (--users == 0) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group = null;
        }
    }
}
