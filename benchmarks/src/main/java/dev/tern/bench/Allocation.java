package dev.tern.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Bytes allocated by every live thread of this JVM (HotSpot's per-thread counters). In-VM, client
 * and broker share the JVM, so the difference over a run is the cost of send + delivery together.
 * Threads that end during the run take their count with them (the harness's own threads live on).
 */
final class Allocation {

    private Allocation() {
    }

    static long allThreads() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            long total = 0;
            for (long bytes : hotspot.getThreadAllocatedBytes(bean.getAllThreadIds())) {
                if (bytes > 0) {
                    total += bytes;
                }
            }
            return total;
        }
        return 0;
    }
}
