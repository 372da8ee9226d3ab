package dev.intercom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The probe in virtual time: streams of every shape, with the arrival jitter of a busy machine. */
class StreamFormatProbeTest {

    private static final long WINDOW = 800_000_000L;

    /**
     * Feeds {@code seconds} of a sender's stream, each packet arriving up to {@code jitterMs} late
     * (and every 200th packet 40 ms late, as after a stall, with the ones queued behind it).
     *
     * @return the arrival time, in seconds, at which the probe found something; NaN if it did not
     */
    private static double feed(StreamFormatProbe probe, int rate, int channels, int frames, double seconds,
            double jitterMs) {
        return feed(probe, rate, channels, frames, seconds, jitterMs, 40);
    }

    private static double feed(StreamFormatProbe probe, int rate, int channels, int frames, double seconds,
            double jitterMs, long stallMs) {
        SplittableRandom random = new SplittableRandom(7);
        int packets = (int) (seconds * rate / frames);
        long stall = 0;
        for (int p = 0; p < packets; p++) {
            long sent = (long) (p * (double) frames / rate * 1e9);
            if (p % 200 == 100) {
                stall = sent + stallMs * 1_000_000L;
            }
            long arrival = Math.max(stall, sent + (long) (random.nextDouble() * jitterMs * 1e6));
            probe.observe(0xABCDL, (40_000 + p) & 0xFFFF, (0xFFFF_FF00L + (long) p * frames) & 0xFFFF_FFFFL,
                    frames * channels * 2, arrival);
            if (probe.finding() != null) {
                return arrival / 1e9;
            }
        }
        return Double.NaN;
    }

    @Test
    void aStreamOfOurOwnFormatIsNeverReportedThoughItArrivesJittered() {
        for (int[] shape : new int[][] {{48_000, 1, 128}, {48_000, 1, 64}, {48_000, 2, 480}, {44_100, 1, 441}}) {
            StreamFormatProbe probe = new StreamFormatProbe(shape[0], shape[1], WINDOW);
            assertTrue(Double.isNaN(feed(probe, shape[0], shape[1], shape[2], 10, 15)), probe.finding());
        }
    }

    @Test
    void fortyFourKilohertzStereoIntoFortyEightMonoIsNamedWithinASecond() {
        StreamFormatProbe probe = new StreamFormatProbe(48_000, 1, WINDOW);
        double at = feed(probe, 44_100, 2, 441, 5, 5);
        assertTrue(at < 1.0, "found after " + at + " s");
        assertEquals("the peer seems to send 44100 Hz stereo; this session is 48000 Hz mono: start with --rate 44100"
                + " --channels 2 (or make the peer send 48000 Hz mono)", probe.finding());
    }

    @Test
    void anotherRateAloneIsNamed() {
        StreamFormatProbe probe = new StreamFormatProbe(48_000, 1, WINDOW);
        assertTrue(feed(probe, 16_000, 1, 160, 5, 5) < 1.0);
        assertEquals("the peer seems to send 16000 Hz mono; this session is 48000 Hz mono: start with --rate 16000"
                + " (or make the peer send 48000 Hz mono)", probe.finding());
    }

    @Test
    void monoIntoAStereoSessionIsNamed() {
        StreamFormatProbe probe = new StreamFormatProbe(48_000, 2, WINDOW);
        assertTrue(feed(probe, 48_000, 1, 480, 5, 5) < 1.0);
        assertEquals("the peer seems to send 48000 Hz mono; this session is 48000 Hz stereo: start with --channels 1"
                + " (or make the peer send 48000 Hz stereo)", probe.finding());
    }

    @Test
    void aBusyMachineWithStallsOfAQuarterSecondMisleadsItNeither() {
        // The sender or receiver stalls 250 ms every 200 packets and packets arrive up to 40 ms late:
        // delays only ever add, and the fastest packets of each half still show the clock.
        StreamFormatProbe ours = new StreamFormatProbe(48_000, 1, WINDOW);
        assertTrue(Double.isNaN(feed(ours, 48_000, 1, 128, 10, 40, 250)), ours.finding());
        StreamFormatProbe theirs = new StreamFormatProbe(48_000, 1, WINDOW);
        assertTrue(feed(theirs, 44_100, 2, 441, 5, 40, 250) < 1.0);
        assertEquals("the peer seems to send 44100 Hz stereo; this session is 48000 Hz mono: start with --rate 44100"
                + " --channels 2 (or make the peer send 48000 Hz mono)", theirs.finding());
    }

    @Test
    void wrongChannelsFromASenderWithoutASteadyClockAreNamedWithoutARate() {
        StreamFormatProbe probe = new StreamFormatProbe(48_000, 1, WINDOW);
        // 480 frames every 8 ms: a 60 kHz clock, no rate anyone uses, so none is named.
        String finding = null;
        for (int p = 0; p < 500 && finding == null; p++) {
            long arrival = p * 8_000_000L;
            probe.observe(9, p, (long) p * 480, 480 * 2 * 2, arrival);
            finding = probe.finding();
        }
        assertEquals("the peer seems to send stereo; this session is 48000 Hz mono: start with --channels 2"
                + " (or make the peer send 48000 Hz mono)", finding);
    }

    @Test
    void aStreamFasterThanRealTimeIsNotGivenARate() {
        StreamFormatProbe probe = new StreamFormatProbe(48_000, 1, WINDOW);
        // A sender that is not paced (ffmpeg without -re): its "rate" is no rate at all.
        for (int p = 0; p < 2000; p++) {
            probe.observe(1, p, (long) p * 480, 960, p * 1_000_000L);
        }
        assertNull(probe.finding());
    }
}
