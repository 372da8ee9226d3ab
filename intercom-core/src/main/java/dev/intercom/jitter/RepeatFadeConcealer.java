package dev.intercom.jitter;

import dev.intercom.audio.StreamFormat;
import java.util.Arrays;

/**
 * The simplest concealment that does not click: the first block's length of a loss repeats
 * the last block's length played while fading it linearly to silence; the rest of the loss is
 * silent. Silence alone would cut the waveform off mid-cycle; a repeat without the fade would
 * buzz on long gaps.
 */
public final class RepeatFadeConcealer implements Concealer {

    private final int channels;
    private final int blockFrames;
    /** The last {@link #blockFrames} frames played, oldest first. */
    private final short[] lastGood;
    /** Frames concealed since the loss began, capped at {@link #blockFrames}. */
    private int lossFrames;

    /** @param format the stream whose frames this concealer fills */
    public RepeatFadeConcealer(StreamFormat format) {
        this.channels = format.channels();
        this.blockFrames = format.blockFrames();
        this.lastGood = new short[format.samplesPerBlock()];
    }

    @Override
    public void played(short[] samples, int offset, int frames) {
        int kept = blockFrames - frames;
        System.arraycopy(lastGood, frames * channels, lastGood, 0, kept * channels);
        System.arraycopy(samples, offset * channels, lastGood, kept * channels, frames * channels);
        lossFrames = 0;
    }

    @Override
    public void conceal(short[] samples, int offset, int frames) {
        for (int f = 0; f < frames; f++, lossFrames = Math.min(blockFrames, lossFrames + 1)) {
            int at = (offset + f) * channels;
            if (lossFrames == blockFrames) {
                Arrays.fill(samples, at, (offset + frames) * channels, (short) 0);
                return;
            }
            float gain = (float) (blockFrames - lossFrames) / blockFrames;
            for (int c = 0; c < channels; c++) {
                samples[at + c] = (short) Math.round(lastGood[lossFrames * channels + c] * gain);
            }
        }
    }
}
