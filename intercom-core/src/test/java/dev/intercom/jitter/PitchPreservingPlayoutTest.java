package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a listener hears while the playout sheds or builds delay: the pitch of a tone, measured
 * over every 20 ms of output, never moves by more than 0.1%, and no splice jumps further than
 * the signal itself does from one sample to the next. In virtual time, through the real buffer.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PitchPreservingPlayoutTest {

    private static final int RATE = 48_000;
    private static final StreamFormat FORMAT = new StreamFormat(RATE, 1, 128);
    private static final long MS = 1_000_000;
    private static final int WINDOW = RATE / 50; // 20 ms

    @Test
    void aDelayThatDropsBy35MsIsShedWithinThreeSecondsWithoutBendingAFixedTargetsPitch() {
        assertDropIsShedAtConstantPitch(TargetPolicy.fixed(20 * RATE / 1000.0));
    }

    @Test
    void aDelayThatDropsBy35MsIsShedWithinThreeSecondsWithoutBendingAnAdaptiveTargetsPitch() {
        assertDropIsShedAtConstantPitch(TargetPolicy.adaptive(0.005, 0, RATE / 2.0, 128));
    }

    /**
     * A 1 kHz tone; the first packet 30 ms late; then 40 ms of path delay for five seconds, and
     * 5 ms after that (a faster route): 35 ms of surplus to shed.
     */
    private static void assertDropIsShedAtConstantPitch(TargetPolicy policy) {
        short[] tone = tone(1000, 10.0, 8000);
        LongUnaryOperator delay = k -> k == 0 ? 70 * MS : k * FORMAT.blockFrames() < 5 * RATE ? 40 * MS : 5 * MS;
        JitterBuffer buffer = new JitterBuffer(FORMAT, policy, 1 << 15, RATE / 2, 4, new PitchConcealer(FORMAT));
        Run run = new Run(buffer, tone);
        run.play(delay, 5 * RATE / FORMAT.blockFrames());
        JitterSnapshot before = run.snapshot();
        run.play(delay, 3 * RATE / FORMAT.blockFrames());
        JitterSnapshot after = run.snapshot();
        run.play(delay, 2 * RATE / FORMAT.blockFrames());

        double surplusBeforeMs = FORMAT.framesToMillis(before.delayFrames - before.targetFrames);
        double surplusAfterMs = FORMAT.framesToMillis(after.delayFrames - after.targetFrames);
        // Within the least that is shed (a packet and the hysteresis, 3.4 ms) and the hysteresis.
        assertTrue(surplusBeforeMs < 3.75, "at the target before the drop (the late first packet left nothing): "
                + surplusBeforeMs + " ms");
        assertTrue(surplusAfterMs < 3.75, "the 35 ms surplus was shed within 3 s: " + surplusAfterMs + " ms");
        assertTrue(after.accelerated > 0, "by accelerating: " + after.accelerated);
        assertEquals(0, after.droppedFrames, "nothing dropped: 35 ms is accelerated");

        short[] out = run.output();
        int start = firstLoud(out);
        int checked = 0;
        double worstHz = 0;
        for (int from = start + WINDOW; from + WINDOW <= run.played() - WINDOW; from += WINDOW) {
            double hz = preciseFrequency(out, from, from + WINDOW, RATE);
            worstHz = Math.max(worstHz, Math.abs(hz - 1000));
            assertEquals(1000, hz, 1.0, "pitch of the 20 ms from " + (from - start) / (double) RATE + " s into playout, "
                    + run.snapshot().accelerated + " accelerated, " + run.snapshot().expanded + " expanded, "
                    + run.snapshot().stretched + " stretched, " + run.snapshot().concealed + " concealed");
            checked++;
        }
        assertTrue(checked > 400, "windows checked: " + checked);
        int step = maxStep(out, start, run.played());
        int ownStep = maxStep(tone, 0, tone.length);
        System.out.printf(java.util.Locale.ROOT, "PITCH %s target: worst 20 ms window %.3f%% off 1 kHz over %d windows; "
                + "surplus %.2f ms before the drop, %.2f ms 3 s after it; %d accelerated; largest step %d (tone's own %d)%n",
                policy.adaptive() ? "adaptive" : "fixed", worstHz / 10, checked, surplusBeforeMs, surplusAfterMs,
                after.accelerated, step, ownStep);
        // (One step of rounding: a cross-faded sample is rounded to the nearest integer.)
        assertTrue(step <= ownStep + 1, "no splice jumps further than the tone does: " + step + " vs " + ownStep);
    }

    @Test
    void speechAndMusicThroughAccelerateAndExpandHaveNoClicks() {
        short[] speech = SpeechLikeSignal.generate(RATE, 12.0, 5);
        short[] music = chord(12.0);
        for (short[] signal : new short[][] {speech, music}) {
            // The target steps between 10 and 40 ms every two seconds: time is added and removed
            // over and over, while the signal is loud and while it is quiet.
            LongUnaryOperator delay = k -> 5 * MS;
            TargetPolicy steps = new TargetPolicy() {
                @Override
                public double targetFrames(DelayEstimator estimator, long nowNanos) {
                    return (nowNanos / (2000 * MS)) % 2 == 0 ? 480 : 1920;
                }

                @Override
                public boolean adaptive() {
                    return false;
                }
            };
            JitterBuffer buffer = new JitterBuffer(FORMAT, steps, 1 << 15, RATE / 2, 4, new PitchConcealer(FORMAT));
            Run run = new Run(buffer, signal);
            run.play(delay, 11 * RATE / FORMAT.blockFrames());
            JitterSnapshot s = run.snapshot();
            assertTrue(s.accelerated > 0 && s.expanded + s.stretched > 0, "time was removed and added: "
                    + s.accelerated + " accelerated, " + s.expanded + " expanded, " + s.stretched + " stretched");
            assertEquals(0, s.droppedFrames);
            assertEquals(0, s.underruns, "the buffer never ran dry");
            int start = firstLoud(run.output());
            int ownStep = maxStep(signal, 0, signal.length);
            int step = maxStep(run.output(), start, run.played());
            assertTrue(step <= ownStep, "largest step " + step + " vs the signal's own " + ownStep);
        }
    }

    /** Sends a signal's packets through a delay schedule and polls the buffer on its own clock. */
    private static final class Run {
        private final JitterBuffer buffer;
        private final short[] signal;
        private final short[] out;
        private final short[] block = new short[FORMAT.samplesPerBlock()];
        private final short[] payload = new short[FORMAT.samplesPerBlock()];
        private final java.util.PriorityQueue<long[]> inFlight =
                new java.util.PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        private final long blockNanos = FORMAT.framesToNanos(FORMAT.blockFrames());
        private long sent;
        private long polls;
        private int played;

        Run(JitterBuffer buffer, short[] signal) {
            this.buffer = buffer;
            this.signal = signal;
            this.out = new short[signal.length + 4 * RATE];
        }

        void play(LongUnaryOperator delay, int blocks) {
            for (int i = 0; i < blocks; i++) {
                long now = (polls + 1) * blockNanos + blockNanos / 2;
                while (sent * blockNanos <= now + blockNanos && (sent + 1) * FORMAT.blockFrames() <= signal.length) {
                    inFlight.add(new long[] {(sent + 1) * blockNanos + delay.applyAsLong(sent), sent});
                    sent++;
                }
                while (!inFlight.isEmpty() && inFlight.peek()[0] <= now) {
                    long[] p = inFlight.poll();
                    int frames = FORMAT.blockFrames();
                    System.arraycopy(signal, (int) p[1] * frames, payload, 0, frames);
                    buffer.offer(7, (int) (p[1] & 0xFFFF), p[1] * frames, payload, frames, p[0]);
                }
                buffer.poll(block, now);
                System.arraycopy(block, 0, out, played, block.length);
                played += block.length;
                polls++;
            }
        }

        JitterSnapshot snapshot() {
            JitterSnapshot s = new JitterSnapshot();
            buffer.snapshot(s);
            return s;
        }

        short[] output() {
            return out;
        }

        int played() {
            return played;
        }
    }

    private static short[] tone(double hz, double seconds, double amplitude) {
        short[] s = new short[(int) (seconds * RATE)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return s;
    }

    /** A sustained A-major chord with vibrato and a slow swell: no period the search could lock onto. */
    private static short[] chord(double seconds) {
        short[] s = new short[(int) (seconds * RATE)];
        double[] hz = {220, 277.18, 329.63, 440};
        double[] phase = new double[hz.length];
        for (int i = 0; i < s.length; i++) {
            double t = (double) i / RATE;
            double vibrato = 1 + 0.004 * Math.sin(2 * Math.PI * 5 * t);
            double level = 0.6 + 0.4 * Math.sin(2 * Math.PI * 0.3 * t);
            double v = 0;
            for (int k = 0; k < hz.length; k++) {
                phase[k] += 2 * Math.PI * hz[k] * vibrato / RATE;
                v += Math.sin(phase[k]) / (k + 1);
            }
            s[i] = (short) Math.round(6000 * level * v);
        }
        return s;
    }

    private static int firstLoud(short[] s) {
        for (int i = 0; i < s.length; i++) {
            if (Math.abs(s[i]) > 1000) {
                return i;
            }
        }
        throw new AssertionError("nothing was played");
    }

    private static int maxStep(short[] s, int from, int to) {
        int max = 0;
        for (int i = from + 1; i < to; i++) {
            max = Math.max(max, Math.abs(s[i] - s[i - 1]));
        }
        return max;
    }

    /** The frequency from the first to the last zero crossing of the window, each placed by linear interpolation. */
    private static double preciseFrequency(short[] s, int from, int to, int rate) {
        double first = Double.NaN;
        double last = Double.NaN;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                double at = i - 1 + (double) s[i - 1] / (s[i - 1] - s[i]);
                if (crossings == 0) {
                    first = at;
                }
                last = at;
                crossings++;
            }
        }
        return (crossings - 1) / 2.0 / ((last - first) / rate);
    }
}
