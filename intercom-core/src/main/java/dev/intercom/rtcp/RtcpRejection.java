package dev.intercom.rtcp;

import dev.intercom.rtp.PacketVerdict;

/**
 * Why {@link RtcpParser} refused a compound RTCP packet (RFC 3550 appendix A.2). The parser
 * walks the packets in wire order and reports the first fault it meets; within one packet the
 * checks run in the order of these constants. An accepted datagram has no rejection: the parser
 * returns {@code null}, which keeps {@code values()} usable as the index of a counter array.
 */
public enum RtcpRejection implements PacketVerdict {

    /** Fewer bytes than the smallest report (an RR with no blocks: 8 bytes). */
    TOO_SHORT("shorter than the 8-byte smallest RTCP report"),
    /** The first packet's version field is not 2. */
    BAD_VERSION("RTCP version is not 2"),
    /** The first packet is neither a Sender nor a Receiver Report. */
    FIRST_NOT_REPORT("compound RTCP does not start with an SR or RR"),
    /** A packet's length field runs past the end of the datagram. */
    LENGTH_OVERRUN("an RTCP packet's length runs past the end of the datagram"),
    /**
     * The packet lengths do not add up to the datagram: bytes are left that are not a version 2
     * header (too few for one, or a bad version, which usually means a wrong length before it).
     */
    LENGTH_MISMATCH("RTCP packet lengths do not add up to the datagram"),
    /** A packet other than the last has its padding flag set. */
    PADDING_NOT_LAST("padding in an RTCP packet that is not the last"),
    /** The last packet's pad count is 0 or more than the bytes after its header. */
    BAD_PADDING("RTCP padding count is zero or longer than the packet"),
    /** An SR or RR is too short for its SSRC, sender info or announced report blocks. */
    TRUNCATED_REPORT("SR or RR shorter than its sender info and report blocks"),
    /** An SDES chunk or item runs past the end of its packet. */
    BAD_SDES("SDES chunk runs past the end of its packet"),
    /** A BYE's SSRC list or reason runs past the end of its packet. */
    BAD_BYE("BYE SSRC list or reason runs past the end of its packet");

    private final String description;

    RtcpRejection(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
