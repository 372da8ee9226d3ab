package dev.intercom.session;

import dev.intercom.audio.StreamFormat;
import dev.intercom.codec.PayloadCodec;
import dev.intercom.jitter.Concealer;
import java.util.Arrays;

/**
 * Conceals with the codec's own loss concealment (Opus PLC): the decoder extrapolates from
 * what it decoded last. The decoder is shared with the receive path, which decodes as packets
 * arrive, so every call is synchronized on it.
 */
final class CodecConcealer implements Concealer {

    private final PayloadCodec codec;
    private final int frames;

    CodecConcealer(PayloadCodec codec, StreamFormat format) {
        this.codec = codec;
        this.frames = format.blockFrames();
    }

    @Override
    public void played(short[] block) {
        // The decoder already knows: it produced this audio.
    }

    @Override
    public void conceal(short[] block) {
        int got;
        synchronized (codec) {
            got = codec.decodeMissing(block, frames, null, 0, 0);
        }
        if (got <= 0) {
            Arrays.fill(block, (short) 0);
        }
    }
}
