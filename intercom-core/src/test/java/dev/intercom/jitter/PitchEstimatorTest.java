package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pitch search on harmonic tones, where the right period is known, and on noise. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PitchEstimatorTest {

    /** A tone of {@code hz} whose second harmonic is stronger than its fundamental. */
    private static float[] harmonics(int rate, double hz, int frames) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) {
            double p = 2 * Math.PI * hz * i / rate;
            x[i] = (float) (3000 * Math.sin(p) + 5000 * Math.sin(2 * p + 0.3) + 2000 * Math.sin(3 * p + 1.1));
        }
        return x;
    }

    @ParameterizedTest(name = "{1} Hz at {0} Hz")
    @CsvSource({"8000, 100", "8000, 333.3", "16000, 120", "44100, 90", "48000, 150", "48000, 380", "192000, 210"})
    void findsThePeriodOfAHarmonicTone(int rate, double hz) {
        PitchEstimator estimator = new PitchEstimator(rate);
        float[] x = harmonics(rate, hz, estimator.requiredFrames() + 17);
        int period = estimator.estimate(x, x.length);
        assertEquals(rate / hz, period, 1.0, "period in frames");
        assertTrue(estimator.correlation() > 0.95, "correlation " + estimator.correlation());
    }

    @Test
    void noiseCorrelatesPoorly() {
        PitchEstimator estimator = new PitchEstimator(48_000);
        Random random = new Random(11);
        float[] x = new float[estimator.requiredFrames()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 3000);
        }
        int period = estimator.estimate(x, x.length);
        assertTrue(period >= estimator.minPeriod() && period <= estimator.maxPeriod(), "period " + period);
        assertTrue(estimator.correlation() < 0.5, "correlation " + estimator.correlation());
    }
}
