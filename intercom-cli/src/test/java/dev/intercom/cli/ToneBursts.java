package dev.intercom.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sound-stack tests' ears. The talker plays tone bursts (a continuous 440 Hz tone for 900 ms,
 * then 100 ms of silence, again and again); a stereo recording holds what went into the
 * microphone on the left and what came out of the speaker on the right, on one sample clock.
 * From that we judge as a listener would: each burst's latency (onset left to onset right), and
 * inside every burst that came out, the crackles (dropouts and sample jumps in what must be a
 * smooth sine) and the 20 ms windows whose pitch is off.
 */
final class ToneBursts {

    static final double HZ = 440;
    static final int AMPLITUDE = 12_000;
    static final double ON_SECONDS = 0.9;
    static final double PERIOD_SECONDS = 1.0;

    /** A window shorter than half the tone's period always holds a sample near its peak. */
    private static final double DROPOUT_WINDOW_SECONDS = 0.001;
    /** Crackle events closer than this are one event (one underrun: a dropout and two edges). */
    private static final double MERGE_SECONDS = 0.02;
    /** Edges of a burst left out of the judgement: onset and fade are not crackles. */
    private static final double EDGE_SECONDS = 0.01;
    /**
     * How much shorter than the burst its answer may be and still be whole. A session that starts
     * playing in the middle of a burst (the talker started first) answers only its tail, out of
     * silence: without this it looked like one burst answered hundreds of milliseconds late.
     * Time-scale operations shorten an answer by a few pitch periods at most.
     */
    private static final double HEAD_CUT_SECONDS = 0.04;
    /** How far from 440 Hz a 20 ms window may be before it counts as off pitch. */
    private static final double PITCH_TOLERANCE = 0.01;

    private ToneBursts() {
    }

    /** @return {@code seconds} of bursts, mono, at {@code rate} */
    static short[] generate(double seconds, int rate) {
        short[] s = new short[(int) (seconds * rate)];
        int period = (int) (PERIOD_SECONDS * rate);
        int on = (int) (ON_SECONDS * rate);
        for (int i = 0; i < s.length; i++) {
            int inPeriod = i % period;
            if (inPeriod < on) {
                s[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * HZ * inPeriod / rate));
            }
        }
        return s;
    }

    /** What a listener heard in one recording. */
    record Heard(int bursts, int answered, List<Double> latenciesMs, int crackles, List<Double> crackleTimes,
            int offPitchWindows, int pitchWindows, OffPitch offPitch) {

        /** @return the median latency of the answered bursts, ms, or NaN */
        double medianLatencyMs() {
            if (latenciesMs.isEmpty()) {
                return Double.NaN;
            }
            double[] sorted = latenciesMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[sorted.length / 2];
        }

        /** @return the spread of the latencies, max - min, ms */
        double latencySpreadMs() {
            DoubleSummary s = DoubleSummary.of(latenciesMs);
            return s.max - s.min;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d of %d bursts answered whole; latency median %.2f ms, spread %.2f ms "
                    + "(first %s); %d crackles at %s s; %d of %d 20 ms windows off pitch (%s)", answered, bursts,
                    medianLatencyMs(), latencySpreadMs(), latenciesMs.isEmpty() ? "-"
                            : String.format(Locale.ROOT, "%.2f", latenciesMs.get(0)),
                    crackles, crackleTimes.stream().map(t -> String.format(Locale.ROOT, "%.2f", t)).toList(),
                    offPitchWindows, pitchWindows, offPitch);
        }
    }

    /**
     * What the off-pitch windows hold: a gap (a millisecond without the tone's peak: the device
     * ran dry, or audio was missing), a jump (a sample the sine does not predict: a splice or
     * an edge), or neither (the tone itself bent: a time-scale operation or resampling).
     */
    record OffPitch(int gaps, int jumps, int bent, List<Double> times) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d with a gap, %d with a jump, %d bent, at %s s", gaps, jumps, bent,
                    times.stream().map(t -> String.format(Locale.ROOT, "%.2f", t)).toList());
        }
    }

    private record DoubleSummary(double min, double max) {
        static DoubleSummary of(List<Double> values) {
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return new DoubleSummary(min, max);
        }
    }

    /**
     * Listens to a stereo recording.
     *
     * @param stereo interleaved left (what went in) and right (what came out)
     * @param maxLatencySeconds how long after a burst went in its answer may start
     */
    static Heard listen(short[] stereo, int rate, double maxLatencySeconds) {
        short[] in = channel(stereo, 0);
        short[] out = channel(stereo, 1);
        int threshold = AMPLITUDE / 3;
        List<Integer> onsetsIn = onsets(in, threshold, rate);
        int on = (int) (ON_SECONDS * rate);
        int bursts = 0;
        int answered = 0;
        List<Double> latencies = new ArrayList<>();
        List<Double> crackleTimes = new ArrayList<>();
        int offPitch = 0;
        int pitchWindows = 0;
        int gaps = 0;
        int jumps = 0;
        List<Double> offTimes = new ArrayList<>();
        int quiet = rate / 20;
        for (int k = 0; k < onsetsIn.size(); k++) {
            int onsetIn = onsetsIn.get(k);
            if (onsetIn + on > in.length) {
                break; // the recording ended inside this burst
            }
            bursts++;
            int onsetOut = firstAbove(out, onsetIn, Math.min(out.length, onsetIn + (int) (maxLatencySeconds * rate)),
                    threshold);
            // Only whole answers are judged: one that starts out of silence (not a session that
            // opened mid-burst) and is followed by another (not one the session's end cut short).
            boolean next = k + 1 < onsetsIn.size() && firstAbove(out, onsetsIn.get(k + 1),
                    Math.min(out.length, onsetsIn.get(k + 1) + (int) (maxLatencySeconds * rate)), threshold) >= 0;
            if (onsetOut < 0 || onsetOut < quiet || firstAbove(out, onsetOut - quiet, onsetOut, threshold) >= 0
                    || !next || loudSpan(out, onsetOut, threshold, rate) < on - (int) (HEAD_CUT_SECONDS * rate)) {
                continue;
            }
            answered++;
            latencies.add((onsetOut - onsetIn) * 1000.0 / rate);
            int from = onsetOut + (int) (EDGE_SECONDS * rate);
            int to = onsetOut + on - (int) (EDGE_SECONDS * rate);
            crackleTimes.addAll(crackles(out, from, to, threshold, rate));
            for (int w = from; w + rate / 50 <= to; w += rate / 50) {
                pitchWindows++;
                double f = frequency(out, w, w + rate / 50, rate);
                if (!(Math.abs(f - HZ) <= HZ * PITCH_TOLERANCE)) {
                    offPitch++;
                    offTimes.add(w / (double) rate);
                    if (hasDropout(out, w, w + rate / 50, threshold, rate)) {
                        gaps++;
                    } else if (hasJump(out, w, w + rate / 50, rate)) {
                        jumps++;
                    }
                }
            }
        }
        return new Heard(bursts, answered, latencies, crackleTimes.size(), crackleTimes, offPitch, pitchWindows,
                new OffPitch(gaps, jumps, offPitch - gaps - jumps, offTimes));
    }

    static short[] channel(short[] stereo, int channel) {
        short[] c = new short[stereo.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = stereo[2 * i + channel];
        }
        return c;
    }

    /** @return the starts of bursts: the first loud sample after at least 50 ms of quiet */
    private static List<Integer> onsets(short[] s, int threshold, int rate) {
        List<Integer> onsets = new ArrayList<>();
        int quietNeeded = rate / 20;
        int quiet = quietNeeded;
        for (int i = 0; i < s.length; i++) {
            if (Math.abs(s[i]) >= threshold) {
                if (quiet >= quietNeeded) {
                    onsets.add(i);
                }
                quiet = 0;
            } else {
                quiet++;
            }
        }
        return onsets;
    }

    /** @return how long the output stays loud from {@code from}: until its first 50 ms of quiet */
    private static int loudSpan(short[] s, int from, int threshold, int rate) {
        int quietNeeded = rate / 20;
        int lastLoud = from;
        for (int i = from; i < s.length && i - lastLoud < quietNeeded; i++) {
            if (Math.abs(s[i]) >= threshold) {
                lastLoud = i;
            }
        }
        return lastLoud - from;
    }

    private static int firstAbove(short[] s, int from, int to, int threshold) {
        for (int i = Math.max(0, from); i < to; i++) {
            if (Math.abs(s[i]) >= threshold) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return the times (s) of the crackles in {@code s[from, to)}: 1 ms windows without a peak
     *     near the tone's amplitude (a dropout), and samples that a sine at {@link #HZ} does not
     *     predict from the two before them (a jump); events closer than 20 ms are one
     */
    private static List<Double> crackles(short[] s, int from, int to, int threshold, int rate) {
        List<Integer> events = new ArrayList<>();
        int window = (int) (DROPOUT_WINDOW_SECONDS * rate);
        for (int w = from; w + window <= to; w += window) {
            if (peak(s, w, w + window) < threshold) {
                events.add(w);
            }
        }
        for (int i = Math.max(from, 2); i < to; i++) {
            if (jumpAt(s, i, rate)) {
                events.add(i);
            }
        }
        int[] sorted = events.stream().mapToInt(Integer::intValue).sorted().toArray();
        List<Double> times = new ArrayList<>();
        int last = Integer.MIN_VALUE / 2;
        for (int e : sorted) {
            if (e - last > MERGE_SECONDS * rate) {
                times.add(e / (double) rate);
            }
            last = e;
        }
        return times;
    }

    private static int peak(short[] s, int from, int to) {
        int peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(s[i]));
        }
        return peak;
    }

    /** @return whether {@code s[i]} is not what a sine at {@link #HZ} predicts from the two before it */
    private static boolean jumpAt(short[] s, int i, int rate) {
        double twoCos = 2 * Math.cos(2 * Math.PI * HZ / rate);
        return Math.abs(s[i] - twoCos * s[i - 1] + s[i - 2]) > 0.1 * AMPLITUDE;
    }

    private static boolean hasDropout(short[] s, int from, int to, int threshold, int rate) {
        int window = (int) (DROPOUT_WINDOW_SECONDS * rate);
        for (int w = from; w + window <= to; w += window) {
            if (peak(s, w, w + window) < threshold) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasJump(short[] s, int from, int to, int rate) {
        for (int i = Math.max(from, 2); i < to; i++) {
            if (jumpAt(s, i, rate)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the tone's frequency in {@code s[from, to)} from the first and last upward zero
     *     crossings, interpolated between samples, and the whole periods between them
     */
    static double frequency(short[] s, int from, int to, int rate) {
        double first = Double.NaN;
        double last = Double.NaN;
        int periods = -1;
        for (int i = from + 1; i < to; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                double t = i - 1 + (double) -s[i - 1] / (s[i] - s[i - 1]);
                if (Double.isNaN(first)) {
                    first = t;
                }
                last = t;
                periods++;
            }
        }
        return periods > 0 ? periods * rate / (last - first) : Double.NaN;
    }
}
