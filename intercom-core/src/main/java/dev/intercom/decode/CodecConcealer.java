package dev.intercom.decode;

import dev.intercom.audio.StreamFormat;
import dev.intercom.codec.PayloadCodec;
import dev.intercom.jitter.Concealer;
import java.util.Arrays;

/**
 * Conceals with the codec's own loss concealment (Opus PLC): the decoder extrapolates from
 * what it decoded last. The buffer calls this when it has run dry; the decoder is the one the
 * {@link OrderedDecoder} decodes the stream with on the same (playout)
 * thread, so the concealment follows on from the last audio in stream order.
 */
public final class CodecConcealer implements Concealer {

    private final PayloadCodec codec;
    private final int frames;

    /**
     * @param codec  the decoder the stream is decoded with (the {@link OrderedDecoder}'s main one)
     * @param format the played format; a concealed block is {@code format.blockFrames()} long
     */
    public CodecConcealer(PayloadCodec codec, StreamFormat format) {
        this.codec = codec;
        this.frames = format.blockFrames();
    }

    @Override
    public void played(short[] block) {
        // The decoder already knows: it produced this audio.
    }

    @Override
    public void conceal(short[] block) {
        int got = codec.decodeMissing(block, frames, null, 0, 0);
        if (got <= 0) {
            Arrays.fill(block, (short) 0);
        }
    }
}
