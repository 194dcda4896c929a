package dev.tern.test;

import dev.tern.client.TernConnection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fails a test class that leaves Tern threads running or Tern connections open. Threads are
 * recognised by the "tern-" prefix every Tern thread's name carries.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheckExtension.class);
    private static final long GRACE_MILLIS = 10_000;

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NS);
        store.put("threads", ternThreads());
        store.put("connections", TernConnection.openConnectionCount());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) throws InterruptedException {
        ExtensionContext.Store store = context.getStore(NS);
        Set<Thread> before = (Set<Thread>) store.get("threads");
        int connectionsBefore = (Integer) store.get("connections");
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        List<String> leakedThreads;
        int connections;
        do {
            leakedThreads = ternThreads().stream()
                    .filter(t -> !before.contains(t))
                    .map(Thread::getName)
                    .sorted()
                    .toList();
            connections = TernConnection.openConnectionCount();
            if (leakedThreads.isEmpty() && connections <= connectionsBefore) {
                return;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        StringBuilder problem = new StringBuilder(context.getDisplayName()).append(" leaked");
        if (!leakedThreads.isEmpty()) {
            problem.append(" threads ").append(leakedThreads);
        }
        if (connections > connectionsBefore) {
            problem.append(" connections ").append(TernConnection.openConnections());
        }
        fail(problem.toString());
    }

    private static Set<Thread> ternThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("tern-"))
                .collect(Collectors.toSet());
    }
}
