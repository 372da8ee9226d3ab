package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The skew estimate is the sender's frames per played frame over the last minute. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class SkewEstimatorTest {

    @Test
    void aSteadilyFasterSenderIsMeasuredExactly() {
        SkewEstimator e = new SkewEstimator(48_000, 128);
        for (long poll = 0; poll < 375 * 200; poll++) {
            e.played(poll * 128 * (1 + 300e-6), 500);
            if (poll == 375 * 5) {
                assertTrue(Double.isNaN(e.skewPpm()), "not before ten seconds");
            }
        }
        assertEquals(300, e.skewPpm(), 0.01);
    }

    @Test
    void delayThatGrowsCountsAsFramesTheSenderProduced() {
        SkewEstimator e = new SkewEstimator(48_000, 128);
        for (long poll = 0; poll < 375 * 100; poll++) {
            double produced = poll * 128 * (1 - 200e-6);
            double delay = 600 + (poll % 1000) * 0.1; // the buffer's delay wanders
            e.played(produced - delay, delay);
        }
        assertEquals(-200, e.skewPpm(), 0.01);
    }
}
