package dev.intercom.audio.javasound.virtual;

import java.util.Arrays;

/**
 * Everything the virtual sound card's speaker played, in order, for tests to inspect. Keeps the
 * first {@link #MAX_SAMPLES} samples and counts every frame.
 */
final class PlayedAudio {

    /** Samples kept: 32 MiB, minutes of mono audio; later samples are counted only. */
    static final int MAX_SAMPLES = 1 << 24;

    private short[] samples = new short[8192];
    private int size;
    private long frames;

    /** Appends {@code length} interleaved samples of {@code channels}-channel frames. */
    synchronized void append(short[] source, int offset, int length, int channels) {
        frames += length / channels;
        int keep = Math.min(length, MAX_SAMPLES - size);
        if (keep <= 0) {
            return;
        }
        if (size + keep > samples.length) {
            samples = Arrays.copyOf(samples,
                    (int) Math.min(MAX_SAMPLES, Math.max(2L * samples.length, size + keep)));
        }
        System.arraycopy(source, offset, samples, size, keep);
        size += keep;
    }

    synchronized short[] samples() {
        return Arrays.copyOf(samples, size);
    }

    synchronized long frames() {
        return frames;
    }

    synchronized void clear() {
        samples = new short[8192];
        size = 0;
        frames = 0;
    }
}
