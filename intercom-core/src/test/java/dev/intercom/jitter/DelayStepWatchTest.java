package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DelayStepWatchTest {

    private static final long MS = 1_000_000;
    private final DelayStepWatch watch = new DelayStepWatch(48_000, 250 * MS);

    @Test
    void aLastingStepUpIsFoundOnceTheWindowHasPassed() {
        watch.observe(500, 0);
        watch.observe(756, 100 * MS); // the output stopped for a block
        assertEquals(0, watch.take(), "not before a window has passed");
        watch.observe(756, 250 * MS);
        assertEquals(256, watch.take(), 1e-9);
        watch.observe(756, 600 * MS);
        assertEquals(0, watch.take(), "counted once");
    }

    @Test
    void aClockThatDriftsIsNoStep() {
        // 500 ppm: 6 frames a quarter second.
        for (int i = 0; i <= 40; i++) {
            watch.observe(500 + 6.0 * i, i * 250 * MS);
        }
        assertEquals(0, watch.take());
    }

    @Test
    void ourOwnOperationsAreNoStep() {
        watch.observe(500, 0);
        watch.shift(256); // an expand of a block
        watch.observe(756, 300 * MS);
        assertEquals(0, watch.take());
        watch.shift(-300); // a cut
        watch.observe(456, 600 * MS);
        assertEquals(0, watch.take());
    }

    @Test
    void aFallIsFollowedAtOnceAndNothingIsFoundBeforeTheWindowIsFull() {
        watch.observe(Double.NaN, 0);
        watch.observe(600, 10 * MS);
        watch.observe(400, 20 * MS);
        watch.observe(460, 300 * MS);
        assertEquals(60, watch.take(), 1e-9, "measured from the lowest it fell to");
        watch.reset();
        watch.observe(900, 400 * MS);
        watch.observe(900, 700 * MS);
        assertEquals(0, watch.take(), "a new reference after a reset");
    }
}
