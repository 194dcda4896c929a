package dev.tern.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated by the threads of this JVM over a measured phase (HotSpot's per-thread counters).
 * In-VM, client and broker share the JVM, so the total is the cost of send + delivery together.
 *
 * <p>Counted per thread: a thread's allocation since the start of the phase (or since it started, if
 * it is newer). A thread that ends during the phase takes its count with it, so that share is missed
 * (an undercount, never a negative figure: summing the live threads' totals before and after would
 * subtract the whole history of every thread that ended, e.g. a provider's pooled thread retiring).
 */
final class Allocation {

    private final Map<Long, Long> before;

    private Allocation(Map<Long, Long> before) {
        this.before = before;
    }

    /** Starts counting now. */
    static Allocation start() {
        return new Allocation(perThread());
    }

    /** Bytes allocated since {@link #start()} by the threads alive now. */
    long allocatedSince() {
        long total = 0;
        for (Map.Entry<Long, Long> now : perThread().entrySet()) {
            long delta = now.getValue() - before.getOrDefault(now.getKey(), 0L);
            if (delta > 0) {
                total += delta;
            }
        }
        return total;
    }

    private static Map<Long, Long> perThread() {
        Map<Long, Long> bytesById = new HashMap<>();
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            long[] ids = bean.getAllThreadIds();
            long[] bytes = hotspot.getThreadAllocatedBytes(ids);
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] > 0) {
                    bytesById.put(ids[i], bytes[i]);
                }
            }
        }
        return bytesById;
    }
}
