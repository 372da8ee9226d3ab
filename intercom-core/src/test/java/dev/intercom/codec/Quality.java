package dev.intercom.codec;

import dev.intercom.testing.Signals;

/**
 * Measures how close decoded audio is to what went in, after the codec's delay: waveform SNR and
 * a log-spectral distance.
 *
 * <p>SNR compares sample for sample, so it punishes what a perceptual codec is allowed to do
 * (shift phases, replace noise-like bands by noise of the same spectrum) and reads low for Opus
 * even where it sounds clean. The log-spectral distance compares the short-term magnitude spectra
 * in dB, blind to phase, so it follows what is heard more closely; but it weighs every band alike,
 * quiet high bands included, and does not know masking.
 */
final class Quality {

    /** Short-time analysis: 20 ms Hann windows of {@link #FFT} points, half-overlapped (at 48 kHz). */
    private static final int FFT = 1024;

    private Quality() {
    }

    /**
     * @return SNR in dB of {@code decoded[from + delay ..]} against {@code reference[from ..]}, over
     *         {@code length} samples; infinite if they are identical
     */
    static double snrDb(short[] reference, short[] decoded, int delay, int from, int length) {
        double signal = 0;
        double noise = 0;
        for (int i = from; i < from + length; i++) {
            double r = reference[i];
            double e = r - decoded[i + delay];
            signal += r * r;
            noise += e * e;
        }
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }

    /**
     * @return the delay, 0..{@code maxDelay}, at which {@code decoded} correlates best with
     *         {@code reference} over {@code [from, from + length)}
     */
    static int bestDelay(short[] reference, short[] decoded, int maxDelay, int from, int length) {
        int best = 0;
        double bestCorrelation = Double.NEGATIVE_INFINITY;
        for (int d = 0; d <= maxDelay; d++) {
            double c = 0;
            for (int i = from; i < from + length; i++) {
                c += (double) reference[i] * decoded[i + d];
            }
            if (c > bestCorrelation) {
                bestCorrelation = c;
                best = d;
            }
        }
        return best;
    }

    /**
     * Log-spectral distance: per window, the RMS over frequency bins up to {@code maxHz} of the
     * difference of the two power spectra in dB; then the mean over windows whose reference is
     * louder than -60 dBFS (silence has no spectrum worth comparing). Powers are floored at
     * -100 dBFS so a band the codec dropped counts as a large, finite error.
     *
     * @return the distance in dB (0 = identical spectra)
     */
    static double logSpectralDistanceDb(short[] reference, short[] decoded, int delay, int from, int length,
                                        int rate, double maxHz) {
        double[] window = new double[FFT];
        for (int i = 0; i < FFT; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT);
        }
        int bins = (int) Math.min(FFT / 2, Math.floor(maxHz * FFT / rate));
        // -100 dB below the peak bin of a full-scale sine through the window.
        double floor = Math.pow(32768.0 * FFT / 4, 2) * 1e-10;
        double silence = Math.pow(10, -60 / 20.0) * 32768;
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        double[] refPower = new double[FFT / 2 + 1];
        double[] decPower = new double[FFT / 2 + 1];
        double sum = 0;
        int windows = 0;
        for (int start = from; start + FFT <= from + length; start += FFT / 2) {
            if (Signals.rms(reference, start, start + FFT) < silence) {
                continue;
            }
            spectrum(reference, start, window, re, im, refPower);
            spectrum(decoded, start + delay, window, re, im, decPower);
            double squares = 0;
            for (int k = 1; k <= bins; k++) {
                double diff = 10 * Math.log10(Math.max(refPower[k], floor) / Math.max(decPower[k], floor));
                squares += diff * diff;
            }
            sum += Math.sqrt(squares / bins);
            windows++;
        }
        return windows == 0 ? 0 : sum / windows;
    }

    /** @return SNR in dB of {@code test} against {@code reference} over the blocks marked lost, {@code block} samples each */
    static double lostSnrDb(short[] reference, short[] test, boolean[] lost, int block) {
        double signal = 0;
        double noise = 0;
        for (int p = 0; p < lost.length; p++) {
            if (lost[p]) {
                for (int i = p * block; i < (p + 1) * block; i++) {
                    double e = reference[i] - test[i];
                    signal += (double) reference[i] * reference[i];
                    noise += e * e;
                }
            }
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }

    private static void spectrum(short[] s, int start, double[] window, double[] re, double[] im, double[] power) {
        for (int i = 0; i < FFT; i++) {
            re[i] = s[start + i] * window[i];
            im[i] = 0;
        }
        dev.intercom.measure.Fft.transform(re, im, false);
        for (int k = 0; k <= FFT / 2; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
        }
    }
}
