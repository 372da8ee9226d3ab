package dev.intercom.jitter;

import dev.intercom.audio.StreamFormat;
import java.util.Arrays;

/**
 * Conceals nothing: a missing block is played as silence. The baseline the other concealers
 * are measured against; it clicks wherever a loss cuts the waveform off.
 */
public final class SilenceConcealer implements Concealer {

    private final int channels;

    /** @param format the stream whose frames this concealer fills */
    public SilenceConcealer(StreamFormat format) {
        this.channels = format.channels();
    }

    /** Does nothing: silence needs no memory of the audio, and the frames are played unchanged. */
    @Override
    public void played(short[] samples, int offset, int frames) {
        // Nothing to remember.
    }

    /** Fills the run with silence. */
    @Override
    public void conceal(short[] samples, int offset, int frames) {
        Arrays.fill(samples, offset * channels, (offset + frames) * channels, (short) 0);
    }
}
