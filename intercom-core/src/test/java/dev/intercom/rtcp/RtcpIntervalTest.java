package dev.intercom.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Report gaps are uniform in [0.5, 1.5) x the mean (RFC 3550 section 6.3.1), in virtual time. */
@Timeout(10)
class RtcpIntervalTest {

    private static final long MEAN = RtcpInterval.DEFAULT_MEAN_NANOS;

    @Test
    void gapsStayInHalfToOneAndAHalfTimesTheMeanAndFillTheRange() {
        RtcpInterval interval = new RtcpInterval(MEAN, new SplittableRandom(7));
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        double sum = 0;
        int draws = 100_000;
        int[] tenths = new int[10];
        for (int i = 0; i < draws; i++) {
            long gap = interval.randomizedNanos();
            assertTrue(gap >= MEAN / 2 && gap < MEAN * 3 / 2, "gap " + gap);
            min = Math.min(min, gap);
            max = Math.max(max, gap);
            sum += gap;
            tenths[(int) ((gap - MEAN / 2) * 10 / MEAN)]++;
        }
        assertTrue(min < MEAN * 0.51 && max > MEAN * 1.49, "range covered: " + min + ".." + max);
        assertEquals(MEAN, sum / draws, MEAN * 0.01, "mean gap");
        for (int count : tenths) {
            // Uniform: each tenth of the range gets about 10,000 of the draws.
            assertEquals(draws / 10.0, count, draws / 100.0, "uniform spread");
        }
    }

    @Test
    void firstReportComesAfterHalfARandomizedInterval() {
        RtcpInterval interval = new RtcpInterval(MEAN, new SplittableRandom(1));
        interval.start(5 * MEAN);
        long first = interval.nextNanos() - 5 * MEAN;
        assertTrue(first >= MEAN / 4 && first < MEAN * 3 / 4, "first after " + first);
        assertFalse(interval.poll(interval.nextNanos() - 1));
        assertTrue(interval.poll(interval.nextNanos()));
    }

    @Test
    void nextGapIsCountedFromTheActualSend() {
        RtcpInterval interval = new RtcpInterval(MEAN, new SplittableRandom(2));
        interval.start(0);
        long late = interval.nextNanos() + 3 * MEAN; // polled long after it was due
        assertTrue(interval.poll(late));
        long gap = interval.nextNanos() - late;
        assertTrue(gap >= MEAN / 2 && gap < MEAN * 3 / 2, "gap " + gap);
        assertFalse(interval.poll(late + 1), "no burst to catch up");
    }

    @Test
    void aboutOneReportASecondOverTenMinutesOfVirtualTime() {
        RtcpInterval interval = new RtcpInterval(MEAN, new SplittableRandom(3));
        interval.start(0);
        int reports = 0;
        for (long now = 0; now <= 600 * MEAN; now += 1_000_000) { // polled every millisecond
            if (interval.poll(now)) {
                reports++;
            }
        }
        assertTrue(reports >= 570 && reports <= 630, reports + " reports in 600 s");
    }

    @Test
    void sameSeedSameSchedule() {
        RtcpInterval a = new RtcpInterval(MEAN, new SplittableRandom(99));
        RtcpInterval b = new RtcpInterval(MEAN, new SplittableRandom(99));
        for (int i = 0; i < 100; i++) {
            assertEquals(a.randomizedNanos(), b.randomizedNanos());
        }
    }

    @Test
    void misuseIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RtcpInterval(0, new SplittableRandom(1)));
        assertThrows(IllegalStateException.class,
                () -> new RtcpInterval(MEAN, new SplittableRandom(1)).poll(0));
    }
}
