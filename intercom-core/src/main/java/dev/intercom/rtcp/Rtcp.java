package dev.intercom.rtcp;

/**
 * Wire constants of RTCP (RFC 3550 section 6): packet types, fixed lengths and field offsets
 * shared by the writer, the parser and the flyweights.
 */
public final class Rtcp {

    /** The only RTP/RTCP version there is. */
    public static final int VERSION = 2;

    /** Packet type of a Sender Report. */
    public static final int SR = 200;
    /** Packet type of a Receiver Report. */
    public static final int RR = 201;
    /** Packet type of a Source Description. */
    public static final int SDES = 202;
    /** Packet type of a Goodbye. */
    public static final int BYE = 203;
    /** Packet type of an application-defined packet (parsed over, never written). */
    public static final int APP = 204;

    /** SDES item type of the canonical name. */
    public static final int SDES_CNAME = 1;
    /** SDES item type that ends a chunk's item list. */
    public static final int SDES_END = 0;

    /** Bytes in the common header: flags, packet type, 16-bit length in words minus one. */
    public static final int HEADER_LENGTH = 4;
    /** Bytes in an SSRC identifier. */
    public static final int SSRC_LENGTH = 4;
    /** Bytes in an SR's sender info: NTP timestamp, RTP timestamp, packet and octet counts. */
    public static final int SENDER_INFO_LENGTH = 20;
    /** Bytes in one report block. */
    public static final int REPORT_BLOCK_LENGTH = 24;
    /** Most report blocks the 5-bit count field can announce in one SR or RR. */
    public static final int MAX_REPORT_BLOCKS = 31;
    /** Most bytes of text in one SDES item or BYE reason (an 8-bit length). */
    public static final int MAX_TEXT_LENGTH = 255;
    /** Bytes in one length unit: RTCP lengths count 32-bit words. */
    public static final int WORD = 4;
    /** Bytes in the smallest valid compound packet: an RR with no report blocks. */
    public static final int MIN_COMPOUND_LENGTH = HEADER_LENGTH + SSRC_LENGTH;

    /** Offset of the packet type byte in the common header. */
    static final int PACKET_TYPE_OFFSET = 1;
    /** Offset of the length field in the common header. */
    static final int LENGTH_OFFSET = 2;
    /** Version in the top two bits of the first byte. */
    static final int VERSION_SHIFT = 6;
    /** Padding flag in the first byte. */
    static final int PADDING_BIT = 0x20;
    /** Report or source count in the low five bits of the first byte. */
    static final int COUNT_MASK = 0x1F;

    private Rtcp() {
    }
}
