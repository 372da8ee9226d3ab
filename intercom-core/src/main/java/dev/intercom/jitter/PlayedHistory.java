package dev.intercom.jitter;

/**
 * The last {@code frames} frames of played audio, kept in a ring so that remembering a block
 * costs one or two array copies however short the blocks are, and laid out in time order only
 * when a loss starts and the concealer needs to analyse it.
 */
final class PlayedHistory {

    private final int channels;
    private final int frames;
    /** Interleaved int16 frames; {@code next} is the slot the next frame goes into. */
    private final short[] ring;
    private int next;

    /**
     * @param channels interleaved channels per frame
     * @param frames   frames to remember; older ones are forgotten
     */
    PlayedHistory(int channels, int frames) {
        this.channels = channels;
        this.frames = frames;
        this.ring = new short[channels * frames];
    }

    /** @return the frames this history holds (silence until that many have been played) */
    int frames() {
        return frames;
    }

    /**
     * Appends {@code count} frames of {@code samples}, from frame {@code offset} on.
     *
     * @param samples interleaved samples
     * @param offset  the first frame to append
     * @param count   frames to append
     */
    void append(short[] samples, int offset, int count) {
        // Only the newest frames survive a run longer than the whole history.
        int skip = Math.max(0, count - frames);
        int from = (offset + skip) * channels;
        int remaining = count - skip;
        while (remaining > 0) {
            int run = Math.min(remaining, frames - next);
            System.arraycopy(samples, from, ring, next * channels, run * channels);
            from += run * channels;
            remaining -= run;
            next += run;
            if (next == frames) {
                next = 0;
            }
        }
    }

    /**
     * Lays out the mean of the channels, oldest frame first.
     *
     * @param mono receives the mean of the channels of frame {@code i} at {@code i}, for all
     *     {@link #frames()} frames
     */
    void mix(float[] mono) {
        float scale = 1f / channels;
        int slot = next;
        for (int i = 0; i < frames; i++, slot++) {
            if (slot == frames) {
                slot = 0;
            }
            int base = slot * channels;
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += ring[base + c];
            }
            mono[i] = sum * scale;
        }
    }

    /**
     * Lays out the newest {@code count} frames of each channel, in time order, where a layout
     * of the whole history would put them: channel {@code c}'s frame {@code i} (0 the oldest of
     * the whole history) at {@code c * frames() + i}. Older frames are left as they were.
     *
     * @param perChannel receives the frames
     * @param count      how many of the newest frames to lay out, at most {@link #frames()}
     */
    void unroll(float[] perChannel, int count) {
        int first = frames - count;
        int slot = next + first;
        if (slot >= frames) {
            slot -= frames;
        }
        for (int i = first; i < frames; i++, slot++) {
            if (slot == frames) {
                slot = 0;
            }
            int base = slot * channels;
            for (int c = 0; c < channels; c++) {
                perChannel[c * frames + i] = ring[base + c];
            }
        }
    }
}
