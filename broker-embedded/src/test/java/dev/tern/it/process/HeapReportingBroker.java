package dev.tern.it.process;

import dev.tern.broker.server.TernServer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Child JVM: the standalone broker ({@link TernServer}, same arguments), plus a line
 * {@code heap-after-gc <bytes>} every half second: the heap in use right after a full collection,
 * i.e. what the broker really holds.
 */
public final class HeapReportingBroker {

    public static void main(String[] args) throws Exception {
        Thread reporter = new Thread(HeapReportingBroker::report, "heap-reporter");
        reporter.setDaemon(true);
        reporter.start();
        TernServer.main(args);
    }

    private static void report() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        while (true) {
            System.gc();
            System.out.println("heap-after-gc " + memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
