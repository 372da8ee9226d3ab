package dev.intercom.jitter;

import dev.intercom.audio.StreamFormat;
import java.util.Random;

/** Test signals, a playout loop that drives a concealer, and the measures the tests apply. */
final class ConcealmentSignals {

    private ConcealmentSignals() {
    }

    /**
     * @param hz        per channel: the tone's frequency
     * @param amplitude per channel: the tone's peak, in int16 steps (0 for silence)
     * @return {@code frames} interleaved frames of one sine per channel
     */
    static short[] sines(int rate, int frames, double[] hz, double[] amplitude) {
        return sines(rate, frames, hz, amplitude, 0);
    }

    /** As {@link #sines(int, int, double[], double[])}, every tone starting at {@code phase} radians. */
    static short[] sines(int rate, int frames, double[] hz, double[] amplitude, double phase) {
        int channels = hz.length;
        short[] out = new short[frames * channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                out[f * channels + c] = (short) Math.round(amplitude[c] * Math.sin(2 * Math.PI * hz[c] * f / rate + phase));
            }
        }
        return out;
    }

    /**
     * @return {@code frames} mono frames of the sum of tones of {@code hz} with peaks
     *     {@code amplitude}: with unrelated frequencies, no period repeats exactly
     */
    static short[] chord(int rate, int frames, double[] hz, double[] amplitude) {
        short[] out = new short[frames];
        for (int i = 0; i < frames; i++) {
            double v = 0;
            for (int k = 0; k < hz.length; k++) {
                v += amplitude[k] * Math.sin(2 * Math.PI * hz[k] * i / rate);
            }
            out[i] = (short) Math.round(v);
        }
        return out;
    }

    /** @return {@code frames} mono frames of seeded Gaussian noise with the given RMS */
    static short[] noise(int frames, double rms, long seed) {
        Random random = new Random(seed);
        short[] out = new short[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(random.nextGaussian() * rms)));
        }
        return out;
    }

    /**
     * Plays {@code clean} block by block as the playout thread would: a lost block is concealed,
     * any other is handed to {@link Concealer#played} (which may change it) and played.
     *
     * @return what was played, the same length as {@code clean}
     */
    static short[] playOut(Concealer concealer, StreamFormat format, short[] clean, boolean[] lost) {
        int samples = format.samplesPerBlock();
        short[] out = new short[clean.length];
        short[] block = new short[samples];
        for (int b = 0; b < lost.length; b++) {
            if (lost[b]) {
                concealer.conceal(block, 0, format.blockFrames());
            } else {
                System.arraycopy(clean, b * samples, block, 0, samples);
                concealer.played(block, 0, format.blockFrames());
            }
            System.arraycopy(block, 0, out, b * samples, samples);
        }
        return out;
    }

    /** @return the SNR in dB of {@code out} against {@code ref} over samples [from, to) */
    static double snrDb(short[] ref, short[] out, int from, int to) {
        double signal = 0;
        double error = 0;
        for (int i = from; i < to; i++) {
            double e = out[i] - ref[i];
            signal += (double) ref[i] * ref[i];
            error += e * e;
        }
        return error == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / error);
    }

    /** @return channel {@code channel}'s samples from interleaved {@code x} */
    static short[] channel(short[] x, int channels, int channel) {
        short[] out = new short[x.length / channels];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i * channels + channel];
        }
        return out;
    }

    /** @return the largest step between consecutive samples of mono {@code x} in [from, to) */
    static int maxJump(short[] x, int from, int to) {
        int max = 0;
        for (int i = Math.max(1, from); i < to; i++) {
            max = Math.max(max, Math.abs(x[i] - x[i - 1]));
        }
        return max;
    }

    /** @return the largest magnitude in mono {@code x} over [from, to) */
    static int peak(short[] x, int from, int to) {
        int max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max;
    }

    /** @return the RMS of mono {@code x} over [from, to) */
    static double rms(short[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
