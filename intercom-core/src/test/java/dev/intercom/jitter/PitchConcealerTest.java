package dev.intercom.jitter;

import static dev.intercom.jitter.ConcealmentSignals.channel;
import static dev.intercom.jitter.ConcealmentSignals.maxJump;
import static dev.intercom.jitter.ConcealmentSignals.noise;
import static dev.intercom.jitter.ConcealmentSignals.peak;
import static dev.intercom.jitter.ConcealmentSignals.playOut;
import static dev.intercom.jitter.ConcealmentSignals.rms;
import static dev.intercom.jitter.ConcealmentSignals.sines;
import static dev.intercom.jitter.ConcealmentSignals.snrDb;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pitch-based concealment on signals whose right continuation is known. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PitchConcealerTest {

    private static final double TONE_HZ = 200;
    private static final double AMPLITUDE = 10_000;
    /** Seams may step at most this much more than the clean signal ever does. */
    private static final double JUMP_SLACK = 1.5;

    private static short[] tone(int rate, int frames) {
        // Starting off zero, so that no loss boundary falls on a zero crossing by chance.
        return sines(rate, frames, new double[] {TONE_HZ}, new double[] {AMPLITUDE}, 1.0);
    }

    private static boolean[] lose(int blocks, int from, int count) {
        boolean[] lost = new boolean[blocks];
        Arrays.fill(lost, from, from + count, true);
        return lost;
    }

    @Test
    void oneMissingBlockOfASteadyToneIsContinuedWithoutSeams() {
        StreamFormat format = new StreamFormat(48_000, 1, 128);
        short[] clean = tone(48_000, 60 * 128);
        short[] out = playOut(new PitchConcealer(format), format, clean, lose(60, 30, 1));

        double snr = snrDb(clean, out, 30 * 128, 31 * 128);
        assertTrue(snr > 20, "SNR over the concealed block: " + snr + " dB");
        int natural = maxJump(clean, 0, clean.length);
        int seams = maxJump(out, 29 * 128, 33 * 128);
        assertTrue(seams <= JUMP_SLACK * natural, "largest step " + seams + " vs the tone's " + natural);
    }

    @Test
    void seamsStaySmoothWhenNoPeriodRepeatsExactly() {
        int rate = 48_000;
        StreamFormat format = new StreamFormat(rate, 1, 64);
        int blocks = rate / 64;
        // 200 Hz and 317 Hz: the best period found still leaves a mismatch where the loop
        // starts and wraps, which only the onset offset and the wrap crossfade hide.
        short[] clean = ConcealmentSignals.chord(rate, blocks * 64, new double[] {200, 317}, new double[] {7000, 5000});
        boolean[] lost = new boolean[blocks];
        for (int b = 40; b + 10 < blocks; b += 53) {
            Arrays.fill(lost, b, b + 1 + b % 7, true); // losses of 1 to 7 blocks, loop wraps included
        }
        short[] out = playOut(new PitchConcealer(format), format, clean, lost);
        int natural = maxJump(clean, 0, clean.length);
        int steps = maxJump(out, 0, out.length);
        assertTrue(steps <= JUMP_SLACK * natural, "largest step " + steps + " vs the chord's " + natural);
    }

    /**
     * A tone, a loss of at least 80 ms, then the tone again, at the extremes of rate and block:
     * the first 10 ms follow the tone, the loss is exactly silent from 60 ms on, nothing steps
     * harder than the tone itself, and once the blend is over the received audio is untouched.
     */
    @ParameterizedTest(name = "{0} Hz, {1}-frame blocks")
    @CsvSource({"8000, 16", "8000, 4096", "48000, 128", "44100, 441", "192000, 16", "192000, 4096"})
    void longLossFollowsThenFadesToSilenceThenBlendsBack(int rate, int blockFrames) {
        StreamFormat format = new StreamFormat(rate, 1, blockFrames);
        int before = Math.max(2, ceilDiv(rate / 5, blockFrames));
        int lossBlocks = ceilDiv(rate * 80 / 1000, blockFrames);
        int after = Math.max(2, ceilDiv(rate / 5, blockFrames));
        int blocks = before + lossBlocks + after;
        short[] clean = tone(rate, blocks * blockFrames);
        short[] out = playOut(new PitchConcealer(format), format, clean, lose(blocks, before, lossBlocks));

        int lossStart = before * blockFrames;
        int lossEnd = lossStart + lossBlocks * blockFrames;
        double snr = snrDb(clean, out, lossStart, lossStart + rate / 100);
        assertTrue(snr > 20, "SNR over the first 10 ms of the loss: " + snr + " dB");
        int silentFrom = lossStart + rate * 60 / 1000 + 1;
        assertEquals(0, peak(out, silentFrom, lossEnd), "loss after 60 ms");
        int natural = maxJump(clean, 0, clean.length);
        int steps = maxJump(out, 0, out.length);
        assertTrue(steps <= JUMP_SLACK * natural, "largest step " + steps + " vs the tone's " + natural);
        int blendEnd = lossEnd + rate / 100;
        assertArrayEquals(Arrays.copyOfRange(clean, blendEnd, clean.length),
                Arrays.copyOfRange(out, blendEnd, out.length), "received audio after the blend");
    }

    @Test
    void theLevelHoldsFor10MsThenFallsSteadily() {
        int rate = 48_000;
        StreamFormat format = new StreamFormat(rate, 1, 480);
        short[] clean = tone(rate, 20 * 480);
        short[] out = playOut(new PitchConcealer(format), format, clean, lose(20, 10, 10));
        int start = 10 * 480;
        int[] peaks = new int[6];
        for (int w = 0; w < 6; w++) {
            peaks[w] = peak(out, start + w * 480, start + (w + 1) * 480);
        }
        assertTrue(peaks[0] > 0.98 * AMPLITUDE, "first 10 ms at full level: " + peaks[0]);
        for (int w = 1; w < 6; w++) {
            // The window's peak is the gain at its start: 20% lower every 10 ms.
            double expected = AMPLITUDE * (1 - 0.2 * (w - 1));
            assertEquals(expected, peaks[w], 0.03 * AMPLITUDE, "peak " + (10 * w) + " ms into the loss");
        }
    }

    @Test
    void aDyingToneIsContinuedDying() {
        int rate = 48_000;
        StreamFormat format = new StreamFormat(rate, 1, 480);
        short[] dying = tone(rate, 20 * 480);
        for (int i = 5 * 480; i < dying.length; i++) {
            // Steady for 50 ms, then halving every 20 ms, through the loss and after it.
            dying[i] = (short) Math.round(dying[i] * Math.pow(0.5, (i - 5 * 480) / (rate / 50.0)));
        }
        short[] out = playOut(new PitchConcealer(format), format, dying, lose(20, 8, 1));
        double snr = snrDb(dying, out, 8 * 480, 9 * 480);
        assertTrue(snr > 30, "SNR over the 10 ms concealed: " + snr + " dB");
    }

    @Test
    void resumingBlendsFromTheConcealmentIntoDifferentAudio() {
        int rate = 48_000;
        StreamFormat format = new StreamFormat(rate, 1, 128);
        PitchConcealer concealer = new PitchConcealer(format);
        short[] clean = tone(rate, 40 * 128);
        short[] block = new short[128];
        for (int b = 0; b < 30; b++) {
            System.arraycopy(clean, b * 128, block, 0, 128);
            concealer.played(block, 0, format.blockFrames());
        }
        concealer.conceal(block, 0, format.blockFrames());
        short lastConcealed = block[127];
        // The sender's audio comes back inverted: played as is, it would jump by twice the tone.
        short[] resumed = new short[4 * 128];
        for (int i = 0; i < resumed.length; i++) {
            resumed[i] = (short) -clean[31 * 128 + i];
        }
        int natural = maxJump(clean, 0, clean.length);
        assertTrue(Math.abs(resumed[0] - lastConcealed) > 5 * natural, "the test needs a jump to hide");

        short[] out = new short[resumed.length + 1];
        out[0] = lastConcealed;
        for (int b = 0; b < 4; b++) {
            System.arraycopy(resumed, b * 128, block, 0, 128);
            concealer.played(block, 0, format.blockFrames());
            System.arraycopy(block, 0, out, 1 + b * 128, 128);
        }
        int steps = maxJump(out, 1, out.length);
        assertTrue(steps <= JUMP_SLACK * natural, "largest step into resumed audio " + steps + " vs " + natural);
        int blend = rate * 4 / 1000; // a 2.7 ms loss blends over 4 ms, across two blocks here
        assertArrayEquals(Arrays.copyOfRange(resumed, blend, resumed.length),
                Arrays.copyOfRange(out, 1 + blend, out.length), "after the blend");
        assertTrue(out[1 + blend - 1] != resumed[blend - 1], "the blend reaches into the second block");
    }

    @Test
    void playedAudioIsUntouchedWhenNothingWasLost() {
        StreamFormat format = new StreamFormat(48_000, 2, 64);
        PitchConcealer concealer = new PitchConcealer(format);
        short[] clean = sines(48_000, 64 * 50, new double[] {200, 310}, new double[] {9000, 7000});
        boolean[] none = new boolean[50];
        assertArrayEquals(clean, playOut(concealer, format, clean, none));
    }

    @Test
    void stereoChannelsAreConcealedFromTheirOwnHistory() {
        int rate = 48_000;
        StreamFormat format = new StreamFormat(rate, 2, 128);
        short[] clean = sines(rate, 60 * 128, new double[] {200, 0}, new double[] {AMPLITUDE, 0});
        short[] out = playOut(new PitchConcealer(format), format, clean, lose(60, 30, 3));
        short[] left = channel(out, 2, 0);
        short[] right = channel(out, 2, 1);
        assertEquals(0, peak(right, 0, right.length), "the silent channel stays silent");
        double snr = snrDb(channel(clean, 2, 0), left, 30 * 128, 31 * 128);
        assertTrue(snr > 20, "left SNR " + snr + " dB");

        short[] two = sines(rate, 60 * 128, new double[] {200, 300}, new double[] {AMPLITUDE, 6000});
        short[] twoOut = playOut(new PitchConcealer(format), format, two, lose(60, 30, 1));
        for (int c = 0; c < 2; c++) {
            double s = snrDb(channel(two, 2, c), channel(twoOut, 2, c), 30 * 128, 31 * 128);
            assertTrue(s > 20, "channel " + c + " SNR " + s + " dB");
        }
    }

    @Test
    void noiseIsContinuedAsNoiseAndFadesOut() {
        int rate = 48_000;
        StreamFormat format = new StreamFormat(rate, 1, 128);
        short[] clean = noise(60 * 128, 3000, 7);
        boolean[] lost = lose(60, 20, 30);
        short[] out = playOut(new PitchConcealer(format), format, clean, lost);
        int start = 20 * 128;
        double concealed = rms(out, start, start + rate / 100);
        double history = rms(clean, start - rate / 50, start);
        assertTrue(concealed > 0.5 * history && concealed < 1.5 * history,
                "RMS of the first 10 ms " + concealed + " vs history " + history);
        assertEquals(0, peak(out, start + rate * 60 / 1000 + 1, 50 * 128), "after 60 ms");
        assertArrayEquals(out, playOut(new PitchConcealer(format), format, clean, lost), "deterministic");
    }

    @Test
    void silenceAndAnEmptyHistoryAreConcealedWithSilence() {
        StreamFormat format = new StreamFormat(16_000, 1, 32);
        PitchConcealer concealer = new PitchConcealer(format);
        short[] block = new short[32];
        Arrays.fill(block, (short) 123);
        concealer.conceal(block, 0, format.blockFrames());
        assertEquals(0, peak(block, 0, 32), "nothing played yet");
        short[] quiet = noise(20 * 32, 1, 3);
        short[] out = playOut(new PitchConcealer(format), format, quiet, lose(20, 10, 5));
        assertEquals(0, peak(out, 10 * 32, 15 * 32), "after near-silence");
    }

    @Test
    void concealingAndPlayingAllocateNothingInSteadyState() {
        StreamFormat format = new StreamFormat(48_000, 2, 128);
        PitchConcealer concealer = new PitchConcealer(format);
        short[] clean = sines(48_000, 128 * 64, new double[] {180, 260}, new double[] {8000, 5000});
        short[] block = new short[format.samplesPerBlock()];
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int blocks = 50_000;
        for (int round = 0; round < 2; round++) { // the first round warms up
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < blocks; i++) {
                int b = i & 63;
                if (b % 16 < 3 || b >= 40 && b < 60) { // short losses and one long one per cycle
                    concealer.conceal(block, 0, format.blockFrames());
                } else {
                    System.arraycopy(clean, b * block.length, block, 0, block.length);
                    concealer.played(block, 0, format.blockFrames());
                }
            }
            double perBlock = (double) (threads.getCurrentThreadAllocatedBytes() - before) / blocks;
            if (round == 1) {
                assertTrue(perBlock < 1, "bytes allocated per block: " + perBlock);
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
