package dev.intercom.srtp;

import dev.intercom.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;

/**
 * Where SRTP's clear header ends, read from an untrusted packet without trusting a length field
 * before checking it against the bytes present.
 */
final class PacketLayout {

    private PacketLayout() {
    }

    /**
     * @param header    a flyweight to read the fixed fields with
     * @param buffer    holds the packet
     * @param offset    absolute index of the packet's first byte
     * @param available bytes the header, CSRC list and extension may occupy
     * @return bytes of fixed header, CSRC list and extension, or -1 if the version is not 2 or they
     *         do not fit in {@code available}
     */
    static int rtpHeaderLength(RtpHeader header, ByteBuf buffer, int offset, int available) {
        if (available < RtpHeader.FIXED_HEADER_LENGTH) {
            return -1;
        }
        header.wrap(buffer, offset, available);
        if (header.version() != RtpHeader.VERSION) {
            return -1;
        }
        int length = RtpHeader.FIXED_HEADER_LENGTH + header.csrcCount() * RtpHeader.CSRC_LENGTH;
        if (header.extension()) {
            if (length + RtpHeader.EXTENSION_HEADER_LENGTH > available) {
                return -1;
            }
            int words = buffer.getUnsignedShort(offset + length + 2);
            length += RtpHeader.EXTENSION_HEADER_LENGTH + words * RtpHeader.EXTENSION_WORD_LENGTH;
        }
        return length <= available ? length : -1;
    }

    /**
     * @param buffer holds the packet
     * @param offset absolute index of the packet's first byte, with at least one byte there
     * @return whether the top two bits (the RTP/RTCP version) are 2
     */
    static boolean isVersion2(ByteBuf buffer, int offset) {
        return buffer.getUnsignedByte(offset) >>> 6 == RtpHeader.VERSION;
    }
}
