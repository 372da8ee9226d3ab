package dev.intercom.session;

import dev.intercom.measure.Fft;

/**
 * The amplitude of a tone in a stretch of audio, from a Hann-windowed FFT: what a listener's ear
 * (or a spectrum analyser) says is in the mix. Frequencies on a bin of the transform read their
 * amplitude exactly; one bin either side is taken too, so a tone the jitter buffer stretched by a
 * pitch period still reads its level.
 */
final class ToneLevels {

    /** The transform's length: 8192 samples, 170 ms at 48 kHz, bins 5.86 Hz apart. */
    static final int LENGTH = 8_192;

    private ToneLevels() {
    }

    /**
     * @return the median of {@link #amplitudeDbfs} over the transforms, half a transform apart,
     *     that fit between frames {@code from} and {@code to}: the level heard over that stretch,
     *     which a stall of a busy machine (a few blocks concealed, a buffer refilling) does not move
     */
    static double medianDbfs(short[] samples, int from, int to, int bin) {
        int end = Math.min(to, samples.length) - LENGTH;
        if (end < from) {
            throw new IllegalArgumentException("no transform fits in frames " + from + ".." + to + " of "
                    + samples.length);
        }
        double[] levels = new double[(end - from) / (LENGTH / 2) + 1];
        for (int w = 0; w < levels.length; w++) {
            levels[w] = amplitudeDbfs(samples, from + w * LENGTH / 2, bin);
        }
        java.util.Arrays.sort(levels);
        return levels[levels.length / 2];
    }

    /** @return the frequency of FFT bin {@code bin} at {@code rate} */
    static double binHz(int bin, int rate) {
        return (double) bin * rate / LENGTH;
    }

    /**
     * @param samples mono audio
     * @param from    the first sample of the stretch analysed ({@link #LENGTH} samples)
     * @param bin     the tone's bin
     * @return the tone's amplitude in dB relative to full scale (a full-scale sine reads 0)
     */
    static double amplitudeDbfs(short[] samples, int from, int bin) {
        double[] re = new double[LENGTH];
        double[] im = new double[LENGTH];
        double windowSum = 0;
        for (int i = 0; i < LENGTH; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / LENGTH);
            re[i] = samples[from + i] * w;
            windowSum += w;
        }
        Fft.transform(re, im, false);
        double energy = 0;
        for (int k = bin - 1; k <= bin + 1; k++) {
            energy += re[k] * re[k] + im[k] * im[k];
        }
        // A Hann window spreads a bin-centred tone of amplitude A over three bins: A * windowSum / 2 in
        // its own, half that in each neighbour, so their energies sum to 1.5 times the centre's.
        double amplitude = Math.sqrt(energy / 1.5) * 2 / windowSum;
        return 20 * Math.log10(Math.max(amplitude, 1e-3) / 32_768.0);
    }
}
