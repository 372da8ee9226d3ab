package dev.intercom.measure;

/**
 * Finds a known signal in a recording by cross-correlation (computed with FFTs), to the frame.
 * The peak of the raw correlation gives the position; the score there is normalised by both
 * energies, so it says how much the recording looks like the signal whatever the level.
 */
public final class Correlator {

    private final double[] signal;
    private final double signalEnergy;

    /** @param signal the signal to look for */
    public Correlator(double[] signal) {
        this.signal = signal.clone();
        double energy = 0;
        for (double s : signal) {
            energy += s * s;
        }
        this.signalEnergy = energy;
    }

    /**
     * Looks for the signal starting at a frame in {@code [from, to)} of {@code recording}.
     *
     * @return the best match; score 0 if the range is empty or silent
     */
    public Echo find(short[] recording, long from, long to) {
        int start = (int) Math.max(0, from);
        int end = (int) Math.min(to, recording.length - signal.length + 1L);
        if (end <= start) {
            return new Echo(start, 0);
        }
        int segment = end - start + signal.length - 1;
        int n = Integer.highestOneBit(Math.max(segment, signal.length) - 1) << 1;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < segment; i++) {
            re[i] = recording[start + i];
        }
        double[] sRe = new double[n];
        double[] sIm = new double[n];
        System.arraycopy(signal, 0, sRe, 0, signal.length);
        Fft.transform(re, im, false);
        Fft.transform(sRe, sIm, false);
        for (int i = 0; i < n; i++) {
            // recording times the conjugate of the signal: the correlation, not the convolution
            double r = re[i] * sRe[i] + im[i] * sIm[i];
            double m = im[i] * sRe[i] - re[i] * sIm[i];
            re[i] = r;
            im[i] = m;
        }
        Fft.transform(re, im, true);
        int best = 0;
        for (int lag = 1; lag < end - start; lag++) {
            // By magnitude: a card or cable may invert the polarity.
            if (Math.abs(re[lag]) > Math.abs(re[best])) {
                best = lag;
            }
        }
        double windowEnergy = 0;
        for (int i = 0; i < signal.length; i++) {
            double v = recording[start + best + i];
            windowEnergy += v * v;
        }
        double score = windowEnergy == 0 ? 0 : Math.abs(re[best]) / Math.sqrt(signalEnergy * windowEnergy);
        return new Echo(start + best, Math.min(1.0, score));
    }
}
