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
    private final int channels;
    private final int blockFrames;
    /** A whole block of the codec's concealment, handed out in runs of any length. */
    private final short[] block;
    /** The first frame of {@link #block} not yet handed out. */
    private int next;

    /**
     * @param codec  the decoder the stream is decoded with (the {@link OrderedDecoder}'s main one)
     * @param format the played format; the codec conceals {@code format.blockFrames()} at a time
     */
    public CodecConcealer(PayloadCodec codec, StreamFormat format) {
        this.codec = codec;
        this.channels = format.channels();
        this.blockFrames = format.blockFrames();
        this.block = new short[format.samplesPerBlock()];
        this.next = blockFrames;
    }

    @Override
    public void played(short[] samples, int offset, int frames) {
        // The decoder already knows: it produced this audio. A new loss starts a new block.
        next = blockFrames;
    }

    /**
     * Hands out the codec's concealment, made a block at a time (the codec conceals only in
     * the frame sizes it allows), so the runs of one loss continue each other.
     */
    @Override
    public void conceal(short[] samples, int offset, int frames) {
        for (int done = 0; done < frames; ) {
            if (next == blockFrames) {
                if (codec.decodeMissing(block, blockFrames, null, 0, 0) <= 0) {
                    Arrays.fill(block, (short) 0);
                }
                next = 0;
            }
            int run = Math.min(frames - done, blockFrames - next);
            System.arraycopy(block, next * channels, samples, (offset + done) * channels, run * channels);
            next += run;
            done += run;
        }
    }
}
