package dev.tern.broker.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BodyCacheTest {

    @Test
    void sharesTheStoredArrayUntilEveryQueueAcknowledged() {
        BodyCache cache = new BodyCache(1 << 20, 16);
        byte[] body = new byte[100];
        cache.put(7, body, 2);
        assertSame(body, cache.get(7));
        assertEquals(100, cache.bytes());
        cache.release(7);
        assertSame(body, cache.get(7), "one of two queues still holds it");
        cache.release(7);
        assertNull(cache.get(7));
        assertEquals(0, cache.bytes());
        assertEquals(0, cache.size());
        cache.release(7); // again: nothing happens
        assertEquals(0, cache.bytes());
    }

    @Test
    void keepsNothingBeyondTheByteBudget() {
        BodyCache cache = new BodyCache(250, 16);
        cache.put(1, new byte[100], 1);
        cache.put(2, new byte[100], 1);
        cache.put(3, new byte[100], 1); // would make 300
        assertNull(cache.get(3));
        assertEquals(200, cache.bytes());
        cache.release(1);
        cache.put(4, new byte[100], 1);
        assertEquals(100, cache.get(4).length);
        assertEquals(200, cache.bytes());
    }

    @Test
    void aNewerSequenceReplacesTheOneSharingItsSlot() {
        BodyCache cache = new BodyCache(1 << 20, 4);
        byte[] old = new byte[10];
        byte[] newer = new byte[20];
        cache.put(1, old, 1);
        cache.put(5, newer, 1); // 5 & 3 == 1 & 3
        assertNull(cache.get(1));
        assertSame(newer, cache.get(5));
        assertEquals(20, cache.bytes());
        cache.release(1); // the replaced one: no effect on the newer
        assertSame(newer, cache.get(5));
        assertEquals(1, cache.size());
    }

    @Test
    void unreferencedOrEmptyBudgetKeepsNothing() {
        BodyCache none = new BodyCache(0, 4);
        none.put(1, new byte[1], 1);
        assertNull(none.get(1));
        BodyCache cache = new BodyCache(100, 4);
        cache.put(1, new byte[1], 0); // enqueued nowhere durable
        assertNull(cache.get(1));
        assertNull(cache.get(2));
    }

    @Test
    void clearForgetsEverything() {
        BodyCache cache = new BodyCache(1000, 8);
        cache.put(1, new byte[10], 1);
        cache.put(2, new byte[10], 1);
        cache.clear();
        assertNull(cache.get(1));
        assertEquals(0, cache.bytes());
        assertEquals(0, cache.size());
    }

    @Test
    void slotsMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new BodyCache(100, 6));
    }
}
