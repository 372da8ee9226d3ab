package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The skew estimate is the slope of the fastest transit time over the last minute. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class SkewEstimatorTest {

    private static final long PACKET_NANOS = 2_666_667; // 128 frames at 48 kHz

    @Test
    void aSteadilyFasterSenderIsMeasuredExactly() {
        SkewEstimator e = new SkewEstimator(48_000);
        for (long n = 0; n < 375 * 200; n++) {
            long sent = n * PACKET_NANOS;
            e.arrived(Math.round(sent * 48e-6 * (1 + 300e-6)), sent + 1_000_000);
            if (n == 375 * 5) {
                assertTrue(Double.isNaN(e.skewPpm()), "not before ten seconds");
            }
        }
        assertEquals(300, e.skewPpm(), 1);
    }

    @Test
    void jitterStallsAndBacklogsDoNotMoveIt() {
        SkewEstimator e = new SkewEstimator(48_000);
        SplittableRandom random = new SplittableRandom(3);
        long stalledUntil = 0;
        for (long n = 0; n < 375 * 120; n++) {
            long sent = n * PACKET_NANOS;
            long arrival = sent + 1_000_000 + (long) (random.nextDouble() * 5_000_000);
            if (n % (375 * 15) == 0) {
                stalledUntil = sent + 1_500_000_000L; // the sender stops for 1.5 s every 15 s
            }
            if (arrival < stalledUntil) {
                arrival = stalledUntil + (n % 64) * 500_000; // the backlog drains over ~30 ms
            }
            e.arrived(Math.round(sent * 48e-6 * (1 - 200e-6)), arrival);
        }
        assertEquals(-200, e.skewPpm(), 50);
    }
}
