package dev.intercom.impair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Gilbert-Elliott loss model gives the asked-for loss rate and mean burst over a long run. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ImpairLossModelTest {

    private static final int PACKETS = 200_000;

    @ParameterizedTest(name = "loss {0}, burst {1}, seed {2}")
    @CsvSource({"0.02, 3, 7", "0.02, 1, 8", "0.10, 5, 9", "0.30, 2, 10", "0.005, 1.5, 11"})
    void longRunLossRateAndMeanBurstLength(double loss, double burst, long seed) {
        GilbertElliottLoss model = new GilbertElliottLoss(loss, burst, new SplittableRandom(seed));
        long lost = 0;
        long bursts = 0;
        boolean previous = false;
        for (int i = 0; i < PACKETS; i++) {
            boolean now = model.nextLost();
            if (now) {
                lost++;
                if (!previous) {
                    bursts++;
                }
            }
            previous = now;
        }
        double rate = (double) lost / PACKETS;
        double meanBurst = (double) lost / bursts;
        assertEquals(loss, rate, loss * 0.12, "loss rate");
        assertEquals(burst, meanBurst, burst * 0.08, "mean burst");
    }

    @Test
    void aMeanBurstOfOneNeverLosesTwoInARow() {
        GilbertElliottLoss model = new GilbertElliottLoss(0.3, 1, new SplittableRandom(3));
        boolean previous = false;
        int lost = 0;
        for (int i = 0; i < PACKETS; i++) {
            boolean now = model.nextLost();
            assertFalse(previous && now, "two in a row at " + i);
            lost += now ? 1 : 0;
            previous = now;
        }
        assertEquals(0.3, (double) lost / PACKETS, 0.01);
    }

    @Test
    void noLossMeansNoLoss() {
        GilbertElliottLoss model = new GilbertElliottLoss(0, 3, new SplittableRandom(1));
        for (int i = 0; i < PACKETS; i++) {
            assertFalse(model.nextLost());
        }
    }

    @Test
    void theTransitionProbabilitiesFollowFromLossAndBurst() {
        GilbertElliottLoss model = new GilbertElliottLoss(0.02, 4, new SplittableRandom(1));
        assertEquals(0.25, model.badToGood(), 1e-12);
        assertEquals(0.02 * 0.25 / 0.98, model.goodToBad(), 1e-12);
    }

    @Test
    void theSameSeedGivesTheSameLossesAndAnotherSeedOtherOnes() {
        assertArrayEquals(pattern(42), pattern(42));
        assertFalse(java.util.Arrays.equals(pattern(42), pattern(43)));
        assertTrue(java.util.Arrays.toString(pattern(42)).contains("true"));
    }

    private static boolean[] pattern(long seed) {
        GilbertElliottLoss model = new GilbertElliottLoss(0.05, 3, new SplittableRandom(seed));
        boolean[] lost = new boolean[5_000];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = model.nextLost();
        }
        return lost;
    }
}
