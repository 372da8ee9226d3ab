package dev.intercom.jitter;

import dev.intercom.audio.StreamFormat;
import java.util.Arrays;

/**
 * Conceals nothing: a missing block is played as silence. The baseline the other concealers
 * are measured against; it clicks wherever a loss cuts the waveform off.
 */
public final class SilenceConcealer implements Concealer {

    private final int samples;

    /** @param format the stream whose blocks this concealer fills */
    public SilenceConcealer(StreamFormat format) {
        this.samples = format.samplesPerBlock();
    }

    /** Does nothing: silence needs no memory of the audio, and the block is played unchanged. */
    @Override
    public void played(short[] block) {
        // Nothing to remember.
    }

    /** Fills the block with silence. */
    @Override
    public void conceal(short[] block) {
        Arrays.fill(block, 0, samples, (short) 0);
    }
}
