package dev.intercom.codec;

import dev.intercom.audio.StreamFormat;
import io.netty.buffer.ByteBuf;

/**
 * The L16 payload format (RFC 3551 section 4.5.11) behind the {@link PayloadCodec} interface:
 * uncompressed, stateless, no delay and no concealment of its own (the jitter buffer's concealer
 * covers a lost L16 packet). The bytes are {@link L16Codec}'s.
 */
public final class L16PayloadCodec implements PayloadCodec {

    private final int sampleRate;
    private final int channels;

    /** @param format the session's rate and channels (L16 packets may hold any number of frames) */
    public L16PayloadCodec(StreamFormat format) {
        this.sampleRate = format.sampleRate();
        this.channels = format.channels();
    }

    @Override
    public String name() {
        return "L16";
    }

    /** @return the sample rate: L16's RTP clock counts frames */
    @Override
    public int clockRate() {
        return sampleRate;
    }

    @Override
    public int delayFrames() {
        return 0;
    }

    @Override
    public int encode(short[] block, int frames, ByteBuf out) {
        if (frames < 1 || (long) frames * channels > block.length) {
            throw new IllegalArgumentException("cannot encode " + frames + " frames of " + channels
                    + " channels from " + block.length + " samples");
        }
        int samples = frames * channels;
        L16Codec.encode(block, samples, out);
        return samples * L16Codec.BYTES_PER_SAMPLE;
    }

    /** @return frames decoded, or {@link #CORRUPT} if the length is not whole frames or does not fit {@code out} */
    @Override
    public int decode(ByteBuf in, int offset, int length, short[] out) {
        if (offset < 0 || length < 0 || offset > in.capacity() - length) {
            throw new IndexOutOfBoundsException("payload of " + length + " bytes at " + offset
                    + " outside a buffer of capacity " + in.capacity());
        }
        int bytesPerFrame = channels * L16Codec.BYTES_PER_SAMPLE;
        if (length == 0 || length % bytesPerFrame != 0 || length / L16Codec.BYTES_PER_SAMPLE > out.length) {
            return CORRUPT;
        }
        L16Codec.decode(in, offset, length / L16Codec.BYTES_PER_SAMPLE, out, 0);
        return length / bytesPerFrame;
    }

    @Override
    public int framesIn(ByteBuf in, int offset, int length) {
        int bytesPerFrame = channels * L16Codec.BYTES_PER_SAMPLE;
        return length == 0 || length % bytesPerFrame != 0 ? CORRUPT : length / bytesPerFrame;
    }

    /** @return {@link #NOT_SUPPORTED} always: L16 carries nothing to rebuild a lost packet from */
    @Override
    public int decodeMissing(short[] out, int frames, ByteBuf next, int nextOffset, int nextLength) {
        return NOT_SUPPORTED;
    }

    @Override
    public boolean supportsFec() {
        return false;
    }

    /** Nothing to forget: every L16 packet stands alone. */
    @Override
    public void resetDecoder() {
    }
}
