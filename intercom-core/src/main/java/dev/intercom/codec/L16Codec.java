package dev.intercom.codec;

import io.netty.buffer.ByteBuf;

/**
 * The L16 payload format (RFC 3551 section 4.5.11): signed 16-bit samples in network (big-endian)
 * byte order, channels interleaved within each frame. Java's {@code short} already holds the
 * samples interleaved, so encoding is a byte-order-preserving copy.
 */
public final class L16Codec {

    /** Bytes per encoded sample. */
    public static final int BYTES_PER_SAMPLE = 2;

    private L16Codec() {
    }

    /**
     * Appends samples big-endian at {@code out}'s writer index and advances it by
     * {@code 2 * count}, growing the buffer if needed.
     *
     * @param samples interleaved samples
     * @param count   samples to write from the start of {@code samples}
     * @param out     destination
     * @throws IndexOutOfBoundsException if {@code count} is negative or exceeds the array
     */
    public static void encode(short[] samples, int count, ByteBuf out) {
        if (count < 0 || count > samples.length) {
            throw new IndexOutOfBoundsException(
                    "count " + count + " outside samples of length " + samples.length);
        }
        out.ensureWritable(count * BYTES_PER_SAMPLE);
        int at = out.writerIndex();
        for (int i = 0; i < count; i++) {
            // ByteBuf's setShort is big-endian regardless of the platform, as L16 requires.
            out.setShort(at + i * BYTES_PER_SAMPLE, samples[i]);
        }
        out.writerIndex(at + count * BYTES_PER_SAMPLE);
    }

    /**
     * Reads big-endian samples from an absolute index; neither buffer index moves.
     *
     * @param in          source
     * @param index       absolute index of the first sample's high byte
     * @param sampleCount samples to read
     * @param dst         destination
     * @param dstOffset   where the first sample goes in {@code dst}
     * @throws IndexOutOfBoundsException if the source or destination range is out of bounds
     */
    public static void decode(ByteBuf in, int index, int sampleCount, short[] dst, int dstOffset) {
        if (sampleCount < 0 || dstOffset < 0 || dstOffset > dst.length - sampleCount) {
            throw new IndexOutOfBoundsException("cannot put " + sampleCount + " samples at "
                    + dstOffset + " in an array of length " + dst.length);
        }
        if (index < 0 || index > in.capacity() - sampleCount * BYTES_PER_SAMPLE) {
            throw new IndexOutOfBoundsException("cannot read " + sampleCount + " samples at "
                    + index + " from a buffer of capacity " + in.capacity());
        }
        for (int i = 0; i < sampleCount; i++) {
            dst[dstOffset + i] = in.getShort(index + i * BYTES_PER_SAMPLE);
        }
    }
}
