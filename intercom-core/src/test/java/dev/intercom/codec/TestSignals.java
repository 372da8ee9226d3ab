package dev.intercom.codec;

import java.util.Random;

/**
 * Deterministic test signals for the codecs: a tone, and a synthetic talker (vowels from a
 * pulse train through moving formants, syllables with gaps, hissed consonants) that exercises
 * Opus's speech coding the way a voice would, without a recording in the repository.
 */
final class TestSignals {

    /** Peak of the speech-like signal, in int16 steps (about -4 dBFS). */
    private static final double SPEECH_PEAK = 20_000;

    /** First, second and third formants of five vowels (a, e, i, o, u), in Hz. */
    private static final double[][] VOWELS = {
        {730, 1090, 2440}, {530, 1840, 2480}, {270, 2290, 3010}, {570, 840, 2410}, {300, 870, 2240},
    };

    private TestSignals() {
    }

    /** @return {@code frames} frames of a sine at {@code hz} and {@code amplitude}, on every channel */
    static short[] tone(int rate, int channels, int frames, double hz, double amplitude) {
        short[] s = new short[frames * channels];
        for (int i = 0; i < frames; i++) {
            short v = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                s[i * channels + c] = v;
            }
        }
        return s;
    }

    /** @return {@code seconds} of mono speech-like audio at {@code rate}, the same for the same seed */
    static short[] speech(int rate, double seconds, long seed) {
        Random random = new Random(seed);
        int frames = (int) Math.round(rate * seconds);
        double[] x = new double[frames];
        Formant[] formants = {new Formant(rate, 90), new Formant(rate, 110), new Formant(rate, 170)};
        double phase = 0;
        double previousPulse = 0;
        int i = rate / 20; // 50 ms of room tone first
        double pitch = 110 + 90 * random.nextDouble();
        double[] from = VOWELS[random.nextInt(VOWELS.length)];
        while (i < frames) {
            int length = (int) (rate * (0.10 + 0.20 * random.nextDouble()));
            double[] to = VOWELS[random.nextInt(VOWELS.length)];
            double loudness = 0.35 + 0.65 * random.nextDouble();
            double pitchEnd = Math.max(80, Math.min(260, pitch + 60 * (random.nextDouble() - 0.5)));
            boolean hiss = random.nextDouble() < 0.4;
            int hissLength = rate * 50 / 1000;
            for (int k = 0; k < length && i + k < frames; k++) {
                double progress = (double) k / length;
                // A rise over the first 15 %, a hold, a fall over the last 25 %.
                double envelope = loudness * Math.min(1, Math.min(progress / 0.15, (1 - progress) / 0.25));
                double f0 = pitch + (pitchEnd - pitch) * progress;
                phase += f0 / rate;
                phase -= Math.floor(phase);
                // An open-then-snap-shut glottal pulse; its slope is what radiates from the lips.
                double pulse = phase < 0.6 ? 0.5 * (1 - Math.cos(Math.PI * phase / 0.6)) : Math.max(0, 1 - (phase - 0.6) / 0.08);
                double excitation = (pulse - previousPulse) * rate / f0 * envelope + 0.05 * envelope * random.nextGaussian();
                previousPulse = pulse;
                double y = excitation;
                for (int f = 0; f < formants.length; f++) {
                    formants[f].tune(from[f] + (to[f] - from[f]) * Math.min(1, progress * 2));
                    y = formants[f].filter(y);
                }
                if (hiss && k < hissLength) {
                    y += 0.12 * Math.sin(Math.PI * k / hissLength) * (random.nextGaussian() - 0.8 * random.nextGaussian());
                }
                x[i + k] = y;
            }
            i += length;
            from = to;
            pitch = pitchEnd;
            i += (int) (rate * (random.nextDouble() < 0.2 ? 0.15 + 0.3 * random.nextDouble() : 0.02 + 0.05 * random.nextDouble()));
        }
        double max = 1e-9;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        short[] out = new short[frames];
        for (int n = 0; n < frames; n++) {
            double roomTone = 15 * random.nextGaussian(); // about -67 dBFS
            out[n] = (short) Math.round(Math.max(-32768, Math.min(32767, x[n] / max * SPEECH_PEAK + roomTone)));
        }
        return out;
    }

    /** @return two channels interleaved: {@code left} and {@code right}, of equal length */
    static short[] interleave(short[] left, short[] right) {
        short[] s = new short[left.length * 2];
        for (int i = 0; i < left.length; i++) {
            s[2 * i] = left[i];
            s[2 * i + 1] = right[i];
        }
        return s;
    }

    /** @return channel {@code channel} of interleaved {@code samples} */
    static short[] channel(short[] samples, int channels, int channel) {
        short[] s = new short[samples.length / channels];
        for (int i = 0; i < s.length; i++) {
            s[i] = samples[i * channels + channel];
        }
        return s;
    }

    /** A two-pole resonator whose centre frequency may move every sample, gain near 1 at the peak. */
    private static final class Formant {
        private final double rate;
        private final double radius;
        private double a1;
        private double y1;
        private double y2;

        Formant(int rate, double bandwidthHz) {
            this.rate = rate;
            this.radius = Math.exp(-Math.PI * bandwidthHz / rate);
        }

        void tune(double hz) {
            a1 = 2 * radius * Math.cos(2 * Math.PI * Math.min(hz, 0.45 * rate) / rate);
        }

        double filter(double x) {
            double y = (1 - radius) * x + a1 * y1 - radius * radius * y2;
            y2 = y1;
            y1 = y;
            return y;
        }
    }
}
