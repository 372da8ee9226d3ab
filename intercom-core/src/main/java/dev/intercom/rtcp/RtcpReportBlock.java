package dev.intercom.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * A reusable flyweight over one report block of an SR or RR (RFC 3550 section 6.4.1): the
 * getters read the 24 bytes in place. {@link RtcpParser} points it at each block it has
 * validated; it is valid only inside the {@link RtcpHandler} callback that receives it.
 *
 * <p>Unsigned 32-bit fields are returned as {@code long} in {@code 0..2^32-1}.
 */
public final class RtcpReportBlock {

    private static final int SSRC_OFFSET = 0;
    private static final int LOSS_OFFSET = 4;
    private static final int HIGHEST_SEQUENCE_OFFSET = 8;
    private static final int JITTER_OFFSET = 12;
    private static final int LSR_OFFSET = 16;
    private static final int DLSR_OFFSET = 20;

    private ByteBuf buffer;
    private int offset;

    /** Creates an unwrapped flyweight; the parser wraps it. */
    public RtcpReportBlock() {
    }

    /**
     * Points this flyweight at a block the caller has proven to be inside the buffer.
     *
     * @param buffer holds the packet
     * @param offset absolute index of the block's first byte
     * @return this flyweight
     */
    RtcpReportBlock wrap(ByteBuf buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return SSRC of the source this block reports on */
    public long sourceSsrc() {
        return buffer.getUnsignedInt(offset + SSRC_OFFSET);
    }

    /** @return packets lost since the previous report, in 1/256, 0..255 */
    public int fractionLost() {
        return buffer.getUnsignedByte(offset + LOSS_OFFSET);
    }

    /** @return packets lost since the start, signed (duplicates can make it negative) */
    public int cumulativeLost() {
        // Shifting the 24-bit field to the top and back sign-extends it.
        return buffer.getInt(offset + LOSS_OFFSET) << 8 >> 8;
    }

    /** @return cycles of the sequence number (high 16 bits) and the highest one received */
    public long extendedHighestSequence() {
        return buffer.getUnsignedInt(offset + HIGHEST_SEQUENCE_OFFSET);
    }

    /** @return interarrival jitter in the source's RTP timestamp units */
    public long jitter() {
        return buffer.getUnsignedInt(offset + JITTER_OFFSET);
    }

    /** @return LSR: middle 32 bits of the NTP time of the last SR from the source, or 0 */
    public long lastSenderReport() {
        return buffer.getUnsignedInt(offset + LSR_OFFSET);
    }

    /** @return DLSR: time from receiving that SR to sending this block, in 1/65536 s, or 0 */
    public long delaySinceLastSenderReport() {
        return buffer.getUnsignedInt(offset + DLSR_OFFSET);
    }
}
