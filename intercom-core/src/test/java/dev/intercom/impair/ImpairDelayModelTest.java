package dev.intercom.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The jitter distributions have the asked-for mean and their promised shapes; spikes come as scheduled. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ImpairDelayModelTest {

    private static final int SAMPLES = 200_000;
    private static final long MS = 1_000_000;

    @Test
    void uniformJitterSpreadsFromZeroToTwiceTheMean() {
        double[] jitter = samples(JitterDistribution.UNIFORM, 30 * MS, 10 * MS, 5);
        assertEquals(10 * MS, mean(jitter), 10 * MS * 0.01);
        assertTrue(Arrays.stream(jitter).min().orElseThrow() >= 0);
        assertTrue(Arrays.stream(jitter).max().orElseThrow() <= 20 * MS);
        assertEquals(10 * MS, median(jitter), 10 * MS * 0.02, "symmetric: median = mean");
    }

    @Test
    void paretoJitterHasTheMeanAHeavyTailAndACap() {
        double[] jitter = samples(JitterDistribution.PARETO, 30 * MS, 10 * MS, 6);
        assertEquals(10 * MS, mean(jitter), 10 * MS * 0.03);
        assertTrue(Arrays.stream(jitter).max().orElseThrow() <= JitterDistribution.PARETO_CAP * 10 * MS + 1);
        // Lomax(2) scaled to mean m under a cap of 20 m: median = (20/19) m (sqrt 2 - 1) = 0.436 m,
        // and P(x > 5 m) = (1 + 5 * 19/20)^-2 = 0.030: most get little, a few get a lot.
        assertEquals(0.436 * 10 * MS, median(jitter), 0.03 * 10 * MS);
        double beyondFiveMeans = Arrays.stream(jitter).filter(x -> x > 50 * MS).count() / (double) SAMPLES;
        assertEquals(0.030, beyondFiveMeans, 0.004);
    }

    @Test
    void zeroJitterIsTheFixedDelay() {
        DelayModel model = new DelayModel(30 * MS, 0, JitterDistribution.PARETO, new SplittableRandom(1));
        for (int i = 0; i < 1000; i++) {
            assertEquals(30 * MS, model.nextDelayNanos());
        }
    }

    @Test
    void spikesComeOnAverageEveryPeriodAndStallForTheirLength() {
        long stall = 200 * MS;
        long period = 5_000 * MS;
        SpikeSchedule spikes = new SpikeSchedule(stall, period, new SplittableRandom(9), 0);
        long hours = 10;
        long end = hours * 3_600_000 * MS;
        int count = 0;
        long lastStart = -1;
        for (long t = 0; t < end; t += MS) {
            long cleared = spikes.clear(t);
            if (cleared != t) {
                long start = spikes.nextStallStart();
                assertEquals(start + stall, cleared, "waits until the end of the stall");
                assertTrue(t >= start, "only during the stall");
                if (start != lastStart) {
                    count++;
                    lastStart = start;
                }
            }
        }
        double expected = end / (double) period;
        assertEquals(expected, count, expected * 0.06, "spikes in " + hours + " h");
    }

    private static double[] samples(JitterDistribution d, long base, long mean, long seed) {
        DelayModel model = new DelayModel(base, mean, d, new SplittableRandom(seed));
        double[] jitter = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            jitter[i] = model.nextDelayNanos() - base;
        }
        return jitter;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
