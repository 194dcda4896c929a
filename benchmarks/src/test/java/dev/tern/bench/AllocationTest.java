package dev.tern.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationTest {

    static volatile Object sink;

    @Test
    void countsWhatALiveThreadAllocates() {
        Allocation allocation = Allocation.start();
        for (int i = 0; i < 100; i++) {
            sink = new byte[10_000];
        }
        long allocated = allocation.allocatedSince();
        assertTrue(allocated >= 1_000_000, "allocated " + allocated);
    }

    @Test
    void aThreadEndingDuringThePhaseDoesNotSubtractItsHistory() throws Exception {
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread retiring = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                sink = new byte[10_000];
            }
            allocated.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        retiring.start();
        allocated.await();
        Allocation allocation = Allocation.start();
        finish.countDown();
        retiring.join();
        long measured = allocation.allocatedSince();
        assertTrue(measured >= 0 && measured < 5_000_000, "measured " + measured);
    }
}
