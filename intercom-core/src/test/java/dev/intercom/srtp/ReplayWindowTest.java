package dev.intercom.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sliding replay bitmap against a plain model that remembers every index. */
@Timeout(10)
class ReplayWindowTest {

    @Test
    void everythingIsFreshUntilAccepted() {
        ReplayWindow window = new ReplayWindow(64);
        assertTrue(window.isFresh(0));
        assertTrue(window.isFresh(1_000_000));
        assertEquals(-1, window.highest());
        window.accept(100);
        assertFalse(window.isFresh(100));
        assertTrue(window.isFresh(99));
        assertTrue(window.isFresh(101));
        assertEquals(100, window.highest());
    }

    @Test
    void indicesAtOrBeyondTheWindowSizeBehindAreTooOld() {
        ReplayWindow window = new ReplayWindow(64);
        window.accept(1000);
        assertTrue(window.isFresh(1000 - 63));
        assertFalse(window.isFresh(1000 - 64));
    }

    @Test
    void aJumpLongerThanTheWindowForgetsEverything() {
        ReplayWindow window = new ReplayWindow(64);
        window.accept(10);
        window.accept(11);
        window.accept(10 + 64 + 11);
        assertTrue(window.isFresh(10 + 64 + 10), "slot of 11 cleared");
        assertFalse(window.isFresh(11), "now too old");
    }

    @Test
    void resetForgetsTheStream() {
        ReplayWindow window = new ReplayWindow(128);
        window.accept(5);
        window.reset();
        assertTrue(window.isFresh(5));
        assertEquals(-1, window.highest());
    }

    @Test
    void matchesAModelUnderRandomReorderingDuplicationAndJumps() {
        for (int size : new int[] {64, 128, 1024}) {
            ReplayWindow window = new ReplayWindow(size);
            BitSet seen = new BitSet();
            Random random = new Random(size);
            long highest = -1;
            long next = 0;
            for (int i = 0; i < 50_000; i++) {
                long index;
                int kind = random.nextInt(10);
                if (kind < 6) {
                    index = next++;
                } else if (kind < 9) {
                    index = Math.max(0, next - 1 - random.nextInt(size + 40));
                } else {
                    next += random.nextInt(3 * size);
                    index = next++;
                }
                boolean expected = !seen.get((int) index) && (highest - index < size);
                assertEquals(expected, window.isFresh(index), "size " + size + " step " + i);
                if (expected) {
                    window.accept(index);
                    seen.set((int) index);
                    highest = Math.max(highest, index);
                }
            }
        }
    }

    @Test
    void sizeMustBeAPowerOfTwoOfAtLeast64() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(32));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(96));
    }
}
