package dev.intercom.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A reusable flyweight over one RTP packet (RFC 3550 section 5.1) inside a {@link ByteBuf}: the
 * getters read header fields in place at constant offsets, so reading a packet creates no objects.
 *
 * <p>Wrapping does not check anything, because the bytes are untrusted: let
 * {@link RtpValidator#validate} wrap and check the packet first. The fixed-field getters read
 * inside the first {@link #FIXED_HEADER_LENGTH} bytes and are meaningful only when the wrapped
 * length is at least that; {@link #payloadOffset()} and {@link #payloadLength()} are known only
 * after a successful validation.
 *
 * <p>Unsigned 32-bit fields ({@link #timestamp()}, {@link #ssrc()}, {@link #csrc(int)}) are
 * returned as {@code long} in {@code 0..2^32-1}, so they compare and print as on the wire.
 *
 * <p>Not thread-safe: one instance belongs to one thread (normally the Netty event loop).
 */
public final class RtpHeader {

    /** The only RTP version there is. */
    public static final int VERSION = 2;
    /** Bytes in the fixed header, before any CSRC or extension. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** Offset of the byte holding version (2 bits), padding, extension and CSRC count (4 bits). */
    public static final int FLAGS_OFFSET = 0;
    /** Offset of the byte holding the marker bit and the 7-bit payload type. */
    public static final int MARKER_PAYLOAD_TYPE_OFFSET = 1;
    /** Offset of the 16-bit sequence number. */
    public static final int SEQUENCE_NUMBER_OFFSET = 2;
    /** Offset of the 32-bit timestamp. */
    public static final int TIMESTAMP_OFFSET = 4;
    /** Offset of the 32-bit synchronization source identifier. */
    public static final int SSRC_OFFSET = 8;
    /** Offset of the first CSRC identifier, if any. */
    public static final int CSRC_OFFSET = FIXED_HEADER_LENGTH;
    /** Bytes in one CSRC identifier. */
    public static final int CSRC_LENGTH = 4;
    /** Largest CSRC count the 4-bit field can hold. */
    public static final int MAX_CSRC_COUNT = 15;
    /** Bytes in the header extension's own header (16-bit profile, 16-bit length in words). */
    public static final int EXTENSION_HEADER_LENGTH = 4;
    /** Bytes in one unit of the extension length field. */
    public static final int EXTENSION_WORD_LENGTH = 4;
    /** Largest payload type the 7-bit field can hold. */
    public static final int MAX_PAYLOAD_TYPE = 127;

    /** Version occupies the top two bits of the first byte. */
    static final int VERSION_SHIFT = 6;
    /** Padding flag in the first byte. */
    static final int PADDING_BIT = 0x20;
    /** Extension flag in the first byte. */
    static final int EXTENSION_BIT = 0x10;
    /** CSRC count in the low nibble of the first byte. */
    static final int CSRC_COUNT_MASK = 0x0F;
    /** Marker bit in the second byte. */
    static final int MARKER_BIT = 0x80;
    /** Payload type in the low seven bits of the second byte. */
    static final int PAYLOAD_TYPE_MASK = 0x7F;

    private ByteBuf buffer;
    private int offset;
    private int length;
    // -1 until a validator has checked the layout of the currently wrapped packet.
    private int payloadOffset = -1;
    private int payloadLength = -1;

    /** Creates an unwrapped flyweight; call {@link #wrap} before reading. */
    public RtpHeader() {
    }

    /**
     * Points this flyweight at a packet and forgets any previous validation.
     *
     * @param buffer holds the packet
     * @param offset absolute index of the packet's first byte
     * @param length bytes in the packet (the datagram length)
     * @return this flyweight
     * @throws IllegalArgumentException if the range lies outside the buffer's capacity
     */
    public RtpHeader wrap(ByteBuf buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length) {
            throw new IllegalArgumentException("packet range " + offset + "+" + length
                    + " lies outside a buffer of capacity " + buffer.capacity());
        }
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.payloadOffset = -1;
        this.payloadLength = -1;
        return this;
    }

    /** @return the wrapped buffer, or null before the first {@link #wrap} */
    public ByteBuf buffer() {
        return buffer;
    }

    /** @return absolute index of the packet's first byte */
    public int offset() {
        return offset;
    }

    /** @return bytes in the wrapped packet */
    public int length() {
        return length;
    }

    /** @return the version field, 0..3 (valid packets have {@link #VERSION}) */
    public int version() {
        return flags() >>> VERSION_SHIFT;
    }

    /** @return whether the padding flag is set (the last byte then counts padding bytes) */
    public boolean padding() {
        return (flags() & PADDING_BIT) != 0;
    }

    /** @return whether the extension flag is set (an extension follows the CSRC list) */
    public boolean extension() {
        return (flags() & EXTENSION_BIT) != 0;
    }

    /** @return number of CSRC identifiers that follow the fixed header, 0..15 */
    public int csrcCount() {
        return flags() & CSRC_COUNT_MASK;
    }

    /** @return whether the marker bit is set */
    public boolean marker() {
        return (buffer.getUnsignedByte(offset + MARKER_PAYLOAD_TYPE_OFFSET) & MARKER_BIT) != 0;
    }

    /** @return the payload type, 0..127 */
    public int payloadType() {
        return buffer.getUnsignedByte(offset + MARKER_PAYLOAD_TYPE_OFFSET) & PAYLOAD_TYPE_MASK;
    }

    /** @return the sequence number, 0..65535 */
    public int sequenceNumber() {
        return buffer.getUnsignedShort(offset + SEQUENCE_NUMBER_OFFSET);
    }

    /** @return the timestamp, 0..2^32-1 */
    public long timestamp() {
        return buffer.getUnsignedInt(offset + TIMESTAMP_OFFSET);
    }

    /** @return the synchronization source identifier, 0..2^32-1 */
    public long ssrc() {
        return buffer.getUnsignedInt(offset + SSRC_OFFSET);
    }

    /**
     * Reads one contributing source identifier.
     *
     * @param index 0-based position in the CSRC list
     * @return the identifier, 0..2^32-1
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #csrcCount()} or the
     *                                   identifier lies past the end of the packet
     */
    public long csrc(int index) {
        int at = CSRC_OFFSET + index * CSRC_LENGTH;
        if (index < 0 || index >= csrcCount() || at > length - CSRC_LENGTH) {
            throw new IndexOutOfBoundsException("CSRC " + index + " is not in this packet");
        }
        return buffer.getUnsignedInt(offset + at);
    }

    /** @return whether a validator has accepted the currently wrapped packet */
    public boolean isValidated() {
        return payloadOffset >= 0;
    }

    /**
     * @return absolute buffer index of the first payload byte, after header, CSRCs and extension
     * @throws IllegalStateException if the wrapped packet has not passed validation
     */
    public int payloadOffset() {
        requireValidated();
        return payloadOffset;
    }

    /**
     * @return payload bytes, without padding
     * @throws IllegalStateException if the wrapped packet has not passed validation
     */
    public int payloadLength() {
        requireValidated();
        return payloadLength;
    }

    /** Records the payload bounds the validator worked out; only the validator may vouch. */
    void validated(int payloadOffset, int payloadLength) {
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
    }

    private int flags() {
        return buffer.getUnsignedByte(offset + FLAGS_OFFSET);
    }

    private void requireValidated() {
        if (payloadOffset < 0) {
            throw new IllegalStateException(
                    "payload bounds are unknown: validate the packet with RtpValidator first");
        }
    }
}
