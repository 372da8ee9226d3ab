package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The delay quantile, which scans the histogram only from its highest filled bucket down. */
class DelayEstimatorTest {

    private static final int RATE = 48_000;
    private static final double FRAMES_PER_MS = RATE / 1000.0;

    @Test
    void quantileFindsTheLateTailAndForgetsItWithTheDelays() {
        // A histogram as long as a two-second ring: 8,000 buckets of a quarter millisecond.
        DelayEstimator estimator = new DelayEstimator(RATE, 2_000, 2.0, 1.0);
        long step = 4_000_000; // 4 ms a packet, 192 frames
        int k = 0;
        for (; k < 1000; k++) {
            long late = k % 100 == 50 ? 20_000_000 : 0; // 1% of packets 20 ms late
            estimator.arrive(k * 192L, k * step + late);
        }
        double withTail = estimator.quantileFrames(0.005);
        assertTrue(withTail >= 19.75 * FRAMES_PER_MS && withTail <= 20.25 * FRAMES_PER_MS,
                "0.5% may be late, 1% came 20 ms late: " + withTail / FRAMES_PER_MS + " ms");
        assertTrue(estimator.quantileFrames(0.02) <= 0.25 * FRAMES_PER_MS, "2% may be late: the on-time ones");

        estimator.forgetDelays();
        for (int n = 0; n < 200; n++, k++) {
            estimator.arrive(k * 192L, k * step + 1_000_000); // all 1 ms later than the fastest
        }
        double after = estimator.quantileFrames(0.005);
        assertTrue(after >= 0.75 * FRAMES_PER_MS && after <= 1.25 * FRAMES_PER_MS,
                "after forgetting, only the 1 ms delays count: " + after / FRAMES_PER_MS + " ms");
    }
}
