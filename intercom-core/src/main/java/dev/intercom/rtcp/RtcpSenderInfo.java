package dev.intercom.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * A reusable flyweight over the sender info of a Sender Report (RFC 3550 section 6.4.1): the
 * getters read the 20 bytes in place. {@link RtcpParser} points it at each SR it has validated;
 * it is valid only inside the {@link RtcpHandler} callback that receives it.
 *
 * <p>Unsigned 32-bit fields are returned as {@code long} in {@code 0..2^32-1}.
 */
public final class RtcpSenderInfo {

    private static final int NTP_OFFSET = 0;
    private static final int RTP_TIMESTAMP_OFFSET = 8;
    private static final int PACKET_COUNT_OFFSET = 12;
    private static final int OCTET_COUNT_OFFSET = 16;

    private ByteBuf buffer;
    private int offset;

    /** Creates an unwrapped flyweight; the parser wraps it. */
    public RtcpSenderInfo() {
    }

    /**
     * Points this flyweight at sender info the caller has proven to be inside the buffer.
     *
     * @param buffer holds the packet
     * @param offset absolute index of the NTP timestamp's first byte
     * @return this flyweight
     */
    RtcpSenderInfo wrap(ByteBuf buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return the 64-bit NTP timestamp of the report (seconds since 1900 and a 32-bit fraction) */
    public long ntpTimestamp() {
        return buffer.getLong(offset + NTP_OFFSET);
    }

    /** @return the middle 32 bits of {@link #ntpTimestamp()}: what a receiver echoes as LSR */
    public long ntpMiddle32() {
        return NtpTime.middle32(ntpTimestamp());
    }

    /** @return the same instant in the sender's RTP timestamp units, 0..2^32-1 */
    public long rtpTimestamp() {
        return buffer.getUnsignedInt(offset + RTP_TIMESTAMP_OFFSET);
    }

    /** @return RTP data packets sent, modulo 2^32 */
    public long packetCount() {
        return buffer.getUnsignedInt(offset + PACKET_COUNT_OFFSET);
    }

    /** @return RTP payload octets sent, modulo 2^32 */
    public long octetCount() {
        return buffer.getUnsignedInt(offset + OCTET_COUNT_OFFSET);
    }
}
