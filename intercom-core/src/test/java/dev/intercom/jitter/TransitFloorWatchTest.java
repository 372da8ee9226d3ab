package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.intercom.jitter.TransitFloorWatch.Verdict;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Packets 2.5 ms apart at 48 kHz; transit in milliseconds, jumping at packet 100. */
class TransitFloorWatchTest {

    private static final double FLOOR_MS = 5;

    @Test
    void aPathThatStaysSlowerIsAStep() {
        assertEquals(170, stepAfter(k -> FLOOR_MS + 170 + (k % 3) * 0.2), 0.01);
    }

    @Test
    void aQueueThatDrainsAtOnceIsNotAStep() {
        // A 200 ms spike: the queued packets come out together, then the path is as before.
        assertEquals(0, stepAfter(k -> FLOOR_MS + Math.max(0, 200 - (k - 100) * 2.5 * 40)));
    }

    @Test
    void aQueueThatDrainsSlowlyIsNotAStepEither() {
        // Still falling when the probation ends: the later half is faster than the earlier.
        assertEquals(0, stepAfter(k -> FLOOR_MS + Math.max(0, 200 - (k - 100) * 0.8)));
    }

    @Test
    void jitterBelowTheJumpStartsNoProbation() {
        TransitFloorWatch watch = new TransitFloorWatch(48_000, 1024);
        for (int k = 0; k < 1000; k++) {
            assertEquals(Verdict.COUNT, watch.observe(ms(FLOOR_MS + (k % 7) * 2.5), k * 2_500_000L, ms(FLOOR_MS)));
        }
    }

    /** @return the step the watch reports once the probation that {@code transitMs} from packet 100 on starts has ended */
    private static double stepAfter(IntToDoubleFunction transitMs) {
        TransitFloorWatch watch = new TransitFloorWatch(48_000, 1024);
        for (int k = 0; k < 100; k++) {
            assertEquals(Verdict.COUNT, watch.observe(ms(FLOOR_MS), k * 2_500_000L, ms(FLOOR_MS)));
        }
        for (int k = 100; k < 1000; k++) {
            Verdict verdict = watch.observe(ms(transitMs.applyAsDouble(k)), k * 2_500_000L, ms(FLOOR_MS));
            if (verdict == Verdict.ENDED) {
                double step = watch.step() / 48.0;
                watch.replay((transit, floor, arrival) -> { }, Double.NaN);
                return step;
            }
            assertEquals(Verdict.HELD, verdict, "held from the jump on, at " + k);
        }
        throw new AssertionError("the probation never ended");
    }

    private static double ms(double millis) {
        return millis * 48;
    }
}
