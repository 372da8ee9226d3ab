package dev.intercom.jitter;

import dev.intercom.audio.StreamFormat;

/**
 * The simplest concealment that does not click: the first missing block repeats the last good
 * block while fading it linearly to silence; further missing blocks are silent. Silence alone
 * would cut the waveform off mid-cycle; a repeat without the fade would buzz on long gaps.
 */
public final class RepeatFadeConcealer implements Concealer {

    private final int channels;
    private final int frames;
    private final short[] lastGood;
    private int consecutive;

    /** @param format the stream whose blocks this concealer fills */
    public RepeatFadeConcealer(StreamFormat format) {
        this.channels = format.channels();
        this.frames = format.blockFrames();
        this.lastGood = new short[format.samplesPerBlock()];
    }

    @Override
    public void played(short[] block) {
        System.arraycopy(block, 0, lastGood, 0, lastGood.length);
        consecutive = 0;
    }

    @Override
    public void conceal(short[] block) {
        if (consecutive++ > 0) {
            java.util.Arrays.fill(block, 0, lastGood.length, (short) 0);
            return;
        }
        for (int f = 0; f < frames; f++) {
            float gain = (float) (frames - f) / frames;
            int base = f * channels;
            for (int c = 0; c < channels; c++) {
                block[base + c] = (short) Math.round(lastGood[base + c] * gain);
            }
        }
    }
}
