package dev.intercom.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Tells RTCP from RTP when both share one port (rtcp-mux, RFC 5761 section 4).
 *
 * <p>An RTCP packet type (200..204 and the rest of 192..223) lands on the byte where RTP keeps
 * the marker bit and payload type; RFC 5761 keeps RTP payload types 64..95 unused so that this
 * byte alone decides. Nothing else is checked here: validation is the parser's job.
 */
public final class RtcpDemux {

    /** Lowest value of the second byte that means RTCP. */
    public static final int FIRST_RTCP_TYPE = 192;
    /** Highest value of the second byte that means RTCP. */
    public static final int LAST_RTCP_TYPE = 223;

    private RtcpDemux() {
    }

    /**
     * @param buffer holds the datagram; no index moves
     * @param offset absolute index of the datagram's first byte
     * @param length bytes in the datagram
     * @return whether the datagram is RTCP: it has a second byte and that byte is 192..223
     */
    public static boolean isRtcp(ByteBuf buffer, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int type = buffer.getUnsignedByte(offset + Rtcp.PACKET_TYPE_OFFSET);
        return type >= FIRST_RTCP_TYPE && type <= LAST_RTCP_TYPE;
    }
}
