package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The stall rule in virtual time: a second without progress once moving, five before the first
 * frames, looked at every 10 ms as the audio threads do; a freeze of the looking thread itself is
 * not the device's fault.
 */
class StallWatchTest {

    private static final long MS = 1_000_000L;
    private static final long LOOK = 10 * MS;

    /** Looks at a device that stays at {@code frames} from {@code from} to {@code to}; @return the first stalled time, or -1 */
    private static long watchStill(StallWatch watch, long frames, long from, long to) {
        for (long t = from; t <= to; t += LOOK) {
            if (watch.stalled(frames, t)) {
                return t;
            }
        }
        return -1;
    }

    @Test
    void aDeviceThatKeepsMovingIsNeverStalled() {
        StallWatch watch = new StallWatch();
        for (long t = 0, frames = 0; t < 10_000 * MS; t += 100 * MS, frames += 4800) {
            assertFalse(watch.stalled(frames, t));
        }
    }

    @Test
    void aDeviceThatStopsIsStalledAfterOneSecond() {
        StallWatch watch = new StallWatch();
        assertFalse(watch.stalled(0, 0));
        assertFalse(watch.stalled(480, 10 * MS)); // moving
        assertEquals(1_010 * MS, watchStill(watch, 480, 20 * MS, 3_000 * MS));
        assertEquals(1, watch.stalledSeconds(1_010 * MS));
    }

    @Test
    void aStreamThatHasNotStartedGetsFiveSeconds() {
        StallWatch watch = new StallWatch();
        assertEquals(5_000 * MS, watchStill(watch, 0, 0, 9_000 * MS));
        assertEquals(5, watch.stalledSeconds(5_000 * MS));
    }

    @Test
    void aFreezeOfTheLookingThreadItselfIsNotAStall() {
        StallWatch watch = new StallWatch();
        assertFalse(watch.stalled(0, 0));
        assertFalse(watch.stalled(480, 10 * MS));
        // The whole machine stood still for 1.9 s: the device did not move meanwhile, nor could we look.
        assertFalse(watch.stalled(480, 1_910 * MS));
        // It is judged afresh from there: moving again is fine, and a real stall still ends it a second later.
        assertFalse(watch.stalled(960, 1_920 * MS));
        assertEquals(2_920 * MS, watchStill(watch, 960, 1_930 * MS, 5_000 * MS));
    }
}
