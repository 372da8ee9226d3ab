package dev.intercom.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The delivery queue hands datagrams out by due time, ties in insertion order, within its bounds. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class ImpairDeliveryQueueTest {

    @Test
    void removesByDueTimeThenInsertionOrder() {
        DeliveryQueue<Integer> queue = new DeliveryQueue<>(5_000, Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(1);
        List<long[]> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long due = random.nextLong(100); // many ties
            queue.add(due, i, i, i, 10);
            expected.add(new long[] {due, i});
        }
        expected.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        for (long[] e : expected) {
            assertEquals(e[0], queue.peekDue());
            assertEquals((int) e[1], queue.remove());
            assertEquals(e[1], queue.removedIndex());
            assertEquals(e[1], queue.removedArrival());
        }
        assertEquals(Long.MAX_VALUE, queue.peekDue());
    }

    @Test
    void isBoundedInCountAndBytes() {
        DeliveryQueue<Integer> queue = new DeliveryQueue<>(3, 100);
        assertTrue(queue.hasRoom(3, 100));
        assertFalse(queue.hasRoom(4, 10));
        assertFalse(queue.hasRoom(1, 101));
        queue.add(1, 0, 0, 0, 60);
        assertFalse(queue.hasRoom(1, 41));
        assertTrue(queue.hasRoom(1, 40));
        List<Integer> released = new ArrayList<>();
        queue.clear(released::add);
        assertEquals(List.of(0), released);
        assertTrue(queue.hasRoom(3, 100));
    }
}
