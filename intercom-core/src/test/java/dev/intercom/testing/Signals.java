package dev.intercom.testing;

import java.util.SplittableRandom;

/** Known test signals and the arithmetic to find them again in what was played. */
public final class Signals {

    private Signals() {
    }

    /**
     * @return {@code samples} pseudo-random full-range int16 samples, never zero, from {@code seed}:
     *     a signal whose every block is unique, so any offset or corruption shows
     */
    public static short[] noise(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] s = new short[samples];
        for (int i = 0; i < s.length; i++) {
            int v;
            do {
                v = random.nextInt(-32_768, 32_768);
            } while (v == 0);
            s[i] = (short) v;
        }
        return s;
    }

    /**
     * @return the index in {@code haystack} where {@code needle[from .. from+length)} starts,
     *     or -1 if it does not occur
     */
    public static int find(short[] haystack, short[] needle, int from, int length) {
        outer:
        for (int i = 0; i + length <= haystack.length; i++) {
            for (int j = 0; j < length; j++) {
                if (haystack[i + j] != needle[from + j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** @return the index of the first sample whose magnitude reaches {@code threshold}, or -1 */
    public static int firstAbove(short[] samples, int threshold) {
        for (int i = 0; i < samples.length; i++) {
            if (Math.abs(samples[i]) >= threshold) {
                return i;
            }
        }
        return -1;
    }

    /** @return the index of the last sample whose magnitude reaches {@code threshold}, or -1 */
    public static int lastAbove(short[] samples, int threshold) {
        for (int i = samples.length - 1; i >= 0; i--) {
            if (Math.abs(samples[i]) >= threshold) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return the frequency of a tone in {@code samples[from .. to)}, from its zero crossings
     *     (two per period), at {@code rate} samples a second
     */
    public static double frequency(short[] samples, int from, int to, int rate) {
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 / ((to - from) / (double) rate);
    }

    /** @return the root-mean-square level of {@code samples[from .. to)} */
    public static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }

    /**
     * @return how far {@code samples[from, to)} is from a pure sine at {@code hz}: the energy left
     *     after the best-fitting sine of that frequency (any amplitude and phase) is removed,
     *     relative to the energy of the block, in dB (very negative for a clean tone)
     */
    public static double sineResidualDb(short[] samples, int from, int to, double hz, int rate) {
        double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0, xx = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * hz * i / rate;
            double sin = Math.sin(w);
            double cos = Math.cos(w);
            double x = samples[i];
            ss += sin * sin;
            cc += cos * cos;
            sc += sin * cos;
            xs += x * sin;
            xc += x * cos;
            xx += x * x;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        double residual = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * hz * i / rate;
            double e = samples[i] - a * Math.sin(w) - b * Math.cos(w);
            residual += e * e;
        }
        return 10 * Math.log10(Math.max(residual, 1e-9) / Math.max(xx, 1e-9));
    }
}
