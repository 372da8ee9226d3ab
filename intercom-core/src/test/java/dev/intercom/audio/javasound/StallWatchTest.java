package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The stall rule in virtual time: a second without progress once moving, five before the first frames. */
class StallWatchTest {

    private static final long MS = 1_000_000L;

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
        assertFalse(watch.stalled(480, 1_009 * MS));
        assertTrue(watch.stalled(480, 1_010 * MS));
        assertEquals(1, watch.stalledSeconds(1_010 * MS));
    }

    @Test
    void aStreamThatHasNotStartedGetsFiveSeconds() {
        StallWatch watch = new StallWatch();
        assertFalse(watch.stalled(0, 0));
        assertFalse(watch.stalled(0, 4_999 * MS));
        assertTrue(watch.stalled(0, 5_000 * MS));
        assertEquals(5, watch.stalledSeconds(5_000 * MS));
    }
}
