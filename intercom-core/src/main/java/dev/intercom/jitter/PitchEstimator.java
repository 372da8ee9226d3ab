package dev.intercom.jitter;

/**
 * Finds the period of the end of a signal by normalised autocorrelation: the lag at which the
 * most recent stretch of audio best matches the stretch one lag earlier, searched from
 * {@link #MIN_PERIOD_SECONDS} to {@link #MAX_PERIOD_SECONDS}.
 *
 * <p>At high sample rates the search over every lag would cost tens of millions of operations,
 * so it runs first on a copy decimated to about 8 kHz (where voice pitch is still resolved to a
 * fraction of a period) and is then refined at the full rate around the winner only. All
 * buffers are allocated by the constructor.
 */
final class PitchEstimator {

    /** Shortest period searched: 400 Hz, above the pitch of nearly every voice. */
    static final double MIN_PERIOD_SECONDS = 0.0025;
    /** Longest period searched: about 67 Hz, below the pitch of nearly every voice. */
    static final double MAX_PERIOD_SECONDS = 0.015;
    /** The rate the coarse search runs at, or the stream's rate if that is lower. */
    private static final int SEARCH_RATE = 8000;
    /**
     * A lag shorter than the best one wins if it correlates at least this well relative to the
     * best: a periodic signal matches itself at every multiple of its period, and the shortest
     * of those is the period (choosing a multiple would make the repetition needlessly long).
     */
    private static final double SHORTER_LAG_RATIO = 0.9;

    private final int minPeriod;
    private final int maxPeriod;
    private final int window;
    private final int factor;
    private final float[] decimated;
    private final double[] coarse;
    private double correlation;

    /** @param sampleRate frames per second of the signals to analyse */
    PitchEstimator(int sampleRate) {
        this.minPeriod = Math.max(2, (int) Math.round(sampleRate * MIN_PERIOD_SECONDS));
        this.maxPeriod = Math.max(minPeriod + 1, (int) Math.round(sampleRate * MAX_PERIOD_SECONDS));
        // The compared stretch spans the longest period, so every candidate sees a whole cycle.
        this.window = maxPeriod;
        this.factor = Math.max(1, sampleRate / SEARCH_RATE);
        this.decimated = new float[requiredFrames() / factor + 1];
        this.coarse = new double[maxPeriod / factor + 3];
    }

    /** @return the shortest period searched, in frames */
    int minPeriod() {
        return minPeriod;
    }

    /** @return the longest period searched, in frames */
    int maxPeriod() {
        return maxPeriod;
    }

    /** @return the frames of signal {@link #estimate} needs: a window and the longest lag */
    int requiredFrames() {
        return window + maxPeriod + 2 * factor;
    }

    /** @return the frames at the end of the signal whose periodicity is measured */
    int window() {
        return window;
    }

    /**
     * @return the normalised autocorrelation (-1..1) at the period the last {@link #estimate}
     *     returned: near 1 for a steady voiced sound, near 0 for noise
     */
    double correlation() {
        return correlation;
    }

    /**
     * Estimates the period at the end of {@code signal[0..length)}; {@link #correlation()} then
     * tells how periodic the signal is.
     *
     * @param signal the signal, oldest sample first
     * @param length samples in use; at least {@link #requiredFrames()}
     * @return the period in frames, from {@link #minPeriod()} to {@link #maxPeriod()}
     */
    int estimate(float[] signal, int length) {
        int lag = coarseLag(signal, length) * factor;
        // Refining needs only one period of the candidate compared, and the correlation peak
        // is broad enough at high rates to be found in steps of a quarter decimation first:
        // together about six times less work at 192 kHz than every lag over the whole window.
        int w = Math.max(minPeriod, Math.min(window, lag));
        int step = Math.max(1, factor / 4);
        int best = bestLag(signal, length, w, lag - factor, lag + factor, step);
        best = bestLag(signal, length, w, best - step + 1, best + step - 1, 1);
        // Judged over the whole window, so that noise rarely looks periodic by chance.
        correlation = normalisedCorrelation(signal, length, window, best);
        return best;
    }

    /** @return the lag in [from, to] (clamped to the searched periods) that correlates best */
    private int bestLag(float[] signal, int length, int w, int from, int to, int step) {
        int lo = Math.max(minPeriod, from);
        int hi = Math.min(maxPeriod, to);
        int best = lo;
        double bestR = Double.NEGATIVE_INFINITY;
        for (int t = lo; t <= hi; t += step) {
            double r = normalisedCorrelation(signal, length, w, t);
            if (r > bestR) {
                bestR = r;
                best = t;
            }
        }
        return best;
    }

    /** @return the period found on the decimated signal, in decimated frames */
    private int coarseLag(float[] signal, int length) {
        // Average each run of `factor` samples, aligned on the newest one: a crude low-pass
        // that is enough to keep high harmonics from aliasing onto the pitch.
        int count = Math.min(decimated.length, length / factor);
        int start = length - count * factor;
        float scale = 1f / factor;
        for (int i = 0; i < count; i++) {
            float sum = 0;
            int base = start + i * factor;
            for (int q = 0; q < factor; q++) {
                sum += signal[base + q];
            }
            decimated[i] = sum * scale;
        }
        int lo = Math.max(1, minPeriod / factor);
        int hi = Math.max(lo, Math.min(coarse.length - 2, (maxPeriod + factor - 1) / factor));
        int w = Math.max(1, window / factor);
        double max = Double.NEGATIVE_INFINITY;
        for (int t = lo; t <= hi; t++) {
            coarse[t] = normalisedCorrelation(decimated, count, w, t);
            max = Math.max(max, coarse[t]);
        }
        if (max <= 0) {
            return (lo + hi) / 2; // nothing periodic: the caller will see a low correlation
        }
        for (int t = lo; t <= hi; t++) {
            boolean peak = (t == lo || coarse[t] >= coarse[t - 1]) && (t == hi || coarse[t] >= coarse[t + 1]);
            if (peak && coarse[t] >= SHORTER_LAG_RATIO * max) {
                return t;
            }
        }
        return lo; // unreachable: the maximum itself is a peak
    }

    /**
     * @return the normalised correlation between the last {@code w} samples of
     *     {@code x[0..length)} and the {@code w} samples {@code lag} earlier, or 0 if either is
     *     silent
     */
    private static double normalisedCorrelation(float[] x, int length, int w, int lag) {
        double dot = 0;
        double recent = 0;
        double earlier = 0;
        int end = length - w;
        for (int i = length - 1; i >= end; i--) {
            double a = x[i];
            double b = x[i - lag];
            dot += a * b;
            recent += a * a;
            earlier += b * b;
        }
        double energy = recent * earlier;
        return energy > 0 ? dot / Math.sqrt(energy) : 0;
    }
}
