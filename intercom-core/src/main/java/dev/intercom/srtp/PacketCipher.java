package dev.intercom.srtp;

/**
 * The cryptographic transform of one profile for one traffic kind (SRTP or SRTCP), working on a
 * packet in a byte array: it knows where the tag and the SRTCP index word go, but nothing about
 * streams, rollover counters or replay, which {@link SrtpSender} and {@link SrtpReceiver} keep.
 *
 * <p>Arrays passed in must have room for the bytes a seal appends. Open methods may leave the
 * array changed when they fail; callers work on a copy of the datagram, never on the original.
 *
 * <p>Not thread-safe: implementations own cipher objects and scratch blocks.
 */
abstract class PacketCipher {

    /** Bytes of the fixed RTCP header that SRTCP leaves in clear: V/P/RC, PT, length, SSRC. */
    static final int RTCP_CLEAR_LENGTH = 8;

    /**
     * @param profile the protection profile
     * @param keys    session keys for the traffic kind this cipher will handle
     * @return a cipher for that profile
     */
    static PacketCipher create(SrtpProfile profile, SessionKeys keys) {
        return switch (profile) {
            case AES128_CM_SHA1_80 -> new CmHmacCipher(keys);
            case AEAD_AES128_GCM -> new GcmCipher(keys);
        };
    }

    /** @return bytes of the authentication tag */
    abstract int tagLength();

    /**
     * Encrypts an RTP payload in place and appends the tag.
     *
     * @param packet       the RTP packet from index 0, with {@link #tagLength()} spare bytes after it
     * @param headerLength bytes of header, CSRC list and extension (left in clear)
     * @param length       bytes in the packet
     * @param ssrc         the packet's SSRC, 0..2^32-1
     * @param index        the packet's 48-bit SRTP index: rollover counter times 2^16 plus sequence
     * @return the protected length
     */
    abstract int sealRtp(byte[] packet, int headerLength, int length, long ssrc, long index);

    /**
     * Verifies an SRTP packet's tag and, if it is authentic, decrypts its payload in place.
     *
     * @param packet       the SRTP packet from index 0
     * @param headerLength bytes of header, CSRC list and extension; at most length minus the tag
     * @param length       bytes in the packet, tag included
     * @param ssrc         the packet's SSRC
     * @param index        the SRTP index the receiver estimated for it
     * @return the plain packet's length (tag removed), or -1 if it is not authentic
     */
    abstract int openRtp(byte[] packet, int headerLength, int length, long ssrc, long index);

    /**
     * Encrypts an RTCP packet after its first 8 bytes and appends the SRTCP index word (E flag
     * set) and the tag, in the order the profile puts them.
     *
     * @param packet the (compound) RTCP packet from index 0, with the SRTCP overhead spare after it
     * @param length bytes in the packet, at least 8
     * @param ssrc   the SSRC in bytes 4..7
     * @param index  the 31-bit SRTCP index
     * @return the protected length
     */
    abstract int sealRtcp(byte[] packet, int length, long ssrc, int index);

    /**
     * Verifies an SRTCP packet and, if it is authentic and its E flag is set, decrypts it in place.
     *
     * @param packet the SRTCP packet from index 0
     * @param length bytes in the packet, at least 8 plus the SRTCP overhead
     * @param ssrc   the SSRC in bytes 4..7
     * @return the plain RTCP length (index word and tag removed), or -1 if it is not authentic
     */
    abstract int openRtcp(byte[] packet, int length, long ssrc);

    /**
     * @param length bytes in a protected SRTCP packet
     * @return where its E flag and SRTCP index word starts
     */
    abstract int rtcpIndexOffset(int length);

    /** Writes a 32-bit big-endian value. */
    static void putInt(byte[] to, int at, int value) {
        to[at] = (byte) (value >>> 24);
        to[at + 1] = (byte) (value >>> 16);
        to[at + 2] = (byte) (value >>> 8);
        to[at + 3] = (byte) value;
    }

    /** Reads a 32-bit big-endian value. */
    static int getInt(byte[] from, int at) {
        return (from[at] & 0xFF) << 24 | (from[at + 1] & 0xFF) << 16
                | (from[at + 2] & 0xFF) << 8 | (from[at + 3] & 0xFF);
    }

    /** XORs the low {@code bytes} bytes of {@code value}, big-endian, onto {@code to[at..]}. */
    static void xorBigEndian(byte[] to, int at, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            to[at + i] ^= (byte) (value >>> (8 * (bytes - 1 - i)));
        }
    }
}
