package dev.intercom.jitter;

import java.util.Random;

/**
 * A synthetic stand-in for speech, deterministic for a seed: glottal pulses whose pitch wanders
 * between about 90 and 250 Hz, shaped by three formant resonators that move like a talker's
 * vowels, cut into syllables of 120 to 300 ms with short gaps and the odd longer pause, some
 * syllables opening with a fricative hiss, and a little breath and background noise.
 */
final class SpeechLikeSignal {

    /** The output's loudest sample, in int16 steps (about -4 dBFS). */
    private static final double PEAK = 20_000;

    private SpeechLikeSignal() {
    }

    /** @return {@code seconds} of mono speech-like audio at {@code rate} */
    static short[] generate(int rate, double seconds, long seed) {
        Random random = new Random(seed);
        int frames = (int) Math.round(rate * seconds);
        double[] envelope = syllableEnvelope(rate, frames, random);
        double[] hiss = fricativeEnvelope(rate, envelope, random);
        Resonator f1 = new Resonator(rate, 80);
        Resonator f2 = new Resonator(rate, 100);
        Resonator f3 = new Resonator(rate, 140);
        double[] vowel = new double[frames];
        double[] fricative = new double[frames];
        double phase = 0;
        double previousFlow = 0;
        double previousNoise = 0;
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            double f0 = 170 + 60 * Math.sin(2 * Math.PI * 0.23 * t) + 20 * Math.sin(2 * Math.PI * 1.7 * t + 1);
            phase += f0 / rate;
            phase -= Math.floor(phase);
            double flow = glottalFlow(phase);
            // The flow's derivative is what radiates from the lips; per unit of phase, so its
            // size does not depend on the pitch (it peaks near 8).
            double voiced = (flow - previousFlow) * rate / f0 * envelope[i];
            previousFlow = flow;
            double noise = random.nextGaussian();
            double breath = 0.1 * noise * envelope[i];
            f1.tune(500 + 200 * Math.sin(2 * Math.PI * 2.1 * t));
            f2.tune(1500 + 600 * Math.sin(2 * Math.PI * 1.3 * t + 2));
            f3.tune(2600 + 250 * Math.sin(2 * Math.PI * 0.7 * t + 4));
            vowel[i] = f3.filter(f2.filter(f1.filter(voiced + breath)));
            // A first difference tilts white noise up: a crude "s".
            fricative[i] = (noise - previousNoise) * hiss[i];
            previousNoise = noise;
        }
        // The hiss about 10 dB below the vowels, both measured where they sound.
        double fricativeGain = 0.3 * activeRms(vowel, envelope) / Math.max(1e-9, activeRms(fricative, hiss));
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = vowel[i] + fricativeGain * fricative[i];
        }
        double max = 1e-9;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        short[] out = new short[frames];
        for (int i = 0; i < frames; i++) {
            double background = 20 * random.nextGaussian(); // about -64 dBFS of room noise
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x[i] / max * PEAK + background)));
        }
        return out;
    }

    /** @return the RMS of {@code x} where {@code gate} is not zero */
    private static double activeRms(double[] x, double[] gate) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            if (gate[i] > 0) {
                sum += x[i] * x[i];
                count++;
            }
        }
        return count == 0 ? 0 : Math.sqrt(sum / count);
    }

    /** @return a Rosenberg-like glottal flow pulse, 0..1, at {@code phase} (0..1) of a period */
    private static double glottalFlow(double phase) {
        double opening = 0.4;
        double closing = 0.2;
        if (phase < opening) {
            return 0.5 * (1 - Math.cos(Math.PI * phase / opening));
        }
        if (phase < opening + closing) {
            return Math.cos(0.5 * Math.PI * (phase - opening) / closing);
        }
        return 0; // closed
    }

    /** @return per frame, the loudness of the voice: syllables, gaps and pauses */
    private static double[] syllableEnvelope(int rate, int frames, Random random) {
        double[] envelope = new double[frames];
        int i = rate / 10; // start after 100 ms of quiet
        while (i < frames) {
            int length = (int) (rate * (0.12 + 0.18 * random.nextDouble()));
            double loudness = 0.4 + 0.6 * random.nextDouble();
            for (int k = 0; k < length && i + k < frames; k++) {
                double s = Math.sin(Math.PI * k / length);
                envelope[i + k] = loudness * Math.sqrt(s); // quick rise, long hold, quick fall
            }
            i += length;
            double gap = random.nextDouble() < 0.15 ? 0.2 + 0.3 * random.nextDouble() : 0.02 + 0.04 * random.nextDouble();
            i += (int) (rate * gap);
        }
        return envelope;
    }

    /** @return per frame, the loudness of a hiss opening about a third of the syllables */
    private static double[] fricativeEnvelope(int rate, double[] voice, Random random) {
        double[] hiss = new double[voice.length];
        int length = rate * 40 / 1000;
        for (int i = 1; i < voice.length; i++) {
            boolean onset = voice[i] > 0 && voice[i - 1] == 0;
            if (onset && random.nextDouble() < 0.35) {
                for (int k = 0; k < length && i - length + k >= 0; k++) {
                    hiss[i - length + k] = Math.sin(Math.PI * k / length);
                }
            }
        }
        return hiss;
    }

    /** A two-pole resonance whose centre frequency can move every sample. */
    private static final class Resonator {
        private final double rate;
        private final double radius;
        private double a1;
        private double y1;
        private double y2;

        Resonator(int rate, double bandwidthHz) {
            this.rate = rate;
            this.radius = Math.exp(-Math.PI * bandwidthHz / rate);
        }

        void tune(double hz) {
            a1 = 2 * radius * Math.cos(2 * Math.PI * hz / rate);
        }

        double filter(double x) {
            // Scaled by (1 - r) so the peak gain stays near the same whatever the bandwidth.
            double y = (1 - radius) * x + a1 * y1 - radius * radius * y2;
            y2 = y1;
            y1 = y;
            return y;
        }
    }
}
