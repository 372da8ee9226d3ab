package dev.intercom.audio;

/**
 * The shape of the audio a session moves: signed 16-bit samples at {@code sampleRate} frames per
 * second, {@code channels} interleaved, captured, sent and played in blocks of
 * {@code blockFrames} frames.
 *
 * <p>Range checks that name command-line flags live in {@code SessionConfig}; this record only
 * refuses values that make no sense at all.
 *
 * @param sampleRate  frames per second
 * @param channels    interleaved channels per frame
 * @param blockFrames frames per block (one block per RTP packet)
 */
public record StreamFormat(int sampleRate, int channels, int blockFrames) {

    /** Bytes in one int16 sample. */
    public static final int BYTES_PER_SAMPLE = 2;

    public StreamFormat {
        if (sampleRate <= 0 || channels <= 0 || blockFrames <= 0) {
            throw new IllegalArgumentException(
                    "sampleRate, channels and blockFrames must be positive: " + sampleRate + ", "
                            + channels + ", " + blockFrames);
        }
    }

    /** @return interleaved samples in one block */
    public int samplesPerBlock() {
        return blockFrames * channels;
    }

    /** @return bytes in one frame of int16 samples */
    public int bytesPerFrame() {
        return channels * BYTES_PER_SAMPLE;
    }

    /** @return bytes in one block of int16 samples */
    public int bytesPerBlock() {
        return blockFrames * bytesPerFrame();
    }

    /** @return duration of {@code frames} frames in nanoseconds, rounded down */
    public long framesToNanos(long frames) {
        long seconds = frames / sampleRate;
        return seconds * 1_000_000_000L + (frames - seconds * sampleRate) * 1_000_000_000L / sampleRate;
    }

    /** @return duration of {@code frames} frames in milliseconds */
    public double framesToMillis(double frames) {
        return frames * 1000.0 / sampleRate;
    }

    /** @return whole frames that fit in {@code nanos}, rounded down */
    public long nanosToFrames(long nanos) {
        // Whole seconds apart from the rest, so days of nanoseconds times the rate cannot overflow.
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        long rest = Math.floorMod(nanos, 1_000_000_000L);
        return seconds * sampleRate + rest * sampleRate / 1_000_000_000L;
    }

    /** @return the duration of one block in milliseconds: the latency a block adds by itself */
    public double blockMillis() {
        return framesToMillis(blockFrames);
    }

    @Override
    public String toString() {
        return sampleRate + " Hz, " + channels + (channels == 1 ? " channel" : " channels") + ", "
                + blockFrames + "-frame blocks";
    }
}
