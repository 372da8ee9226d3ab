package dev.intercom.rtp;

import dev.intercom.codec.L16Codec;
import io.netty.buffer.ByteBuf;

/**
 * Checks that an untrusted datagram is an RTP packet carrying L16 audio this session can play,
 * and works out where its payload is, without allocating.
 *
 * <p>Checks run in the order of {@link RtpRejection}'s constants, and each length is checked
 * before any byte it covers is read: fixed header, version, CSRC list, extension header and its
 * declared length, padding, payload type, then payload size. After {@link #validate} returns
 * {@code null} (accepted), {@link #header()} reads the packet's fields and {@link #payloadOffset()}
 * / {@link #payloadLength()} / {@link #frames()} say where the audio is, so the receive handler
 * can decode straight from the datagram without parsing it again.
 *
 * <p>Not thread-safe: the results of the last call live in this object, so one validator belongs
 * to one thread (normally the Netty event loop that receives the datagrams).
 */
public final class RtpValidator {

    private final int expectedPayloadType;
    private int frameBytes;
    private final int maxFrames;
    private final RtpHeader header = new RtpHeader();

    /**
     * @param expectedPayloadType payload type the session negotiated, 0..127
     * @param channels            interleaved channels per L16 frame, 1..32767
     * @param maxFrames           most frames one packet may carry, at least 1
     * @throws IllegalArgumentException if a value is out of range
     */
    /**
     * A validator for a compressed payload (Opus): the header checks, a non-empty payload of at
     * most {@code maxPayloadBytes}; {@link #frames()} then means payload bytes.
     */
    public static RtpValidator opaque(int expectedPayloadType, int maxPayloadBytes) {
        RtpValidator v = new RtpValidator(expectedPayloadType, 1, maxPayloadBytes);
        v.frameBytes = 1;
        return v;
    }

    public RtpValidator(int expectedPayloadType, int channels, int maxFrames) {
        if (expectedPayloadType < 0 || expectedPayloadType > RtpHeader.MAX_PAYLOAD_TYPE) {
            throw new IllegalArgumentException(
                    "RTP payload type must be 0..127, got " + expectedPayloadType);
        }
        // A frame must fit in one UDP datagram (65,507 payload bytes), whatever else is allowed.
        if (channels < 1 || channels > 32_767) {
            throw new IllegalArgumentException("channels must be 1..32767, got " + channels);
        }
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, got " + maxFrames);
        }
        this.expectedPayloadType = expectedPayloadType;
        this.frameBytes = channels * L16Codec.BYTES_PER_SAMPLE;
        this.maxFrames = maxFrames;
    }

    /**
     * Validates the datagram in {@code buffer}'s readable bytes.
     *
     * @param buffer holds one datagram between its reader and writer index
     * @return {@code null} if the packet is accepted, otherwise the first reason it was refused
     */
    public RtpRejection validate(ByteBuf buffer) {
        return validate(buffer, buffer.readerIndex(), buffer.readableBytes());
    }

    /**
     * Validates one datagram. Neither index of {@code buffer} moves.
     *
     * @param buffer holds the datagram
     * @param offset absolute index of the datagram's first byte
     * @param length bytes in the datagram
     * @return {@code null} if the packet is accepted, otherwise the first reason it was refused
     * @throws IllegalArgumentException if the range lies outside the buffer's capacity (a caller
     *                                  bug, not bad input)
     */
    public RtpRejection validate(ByteBuf buffer, int offset, int length) {
        RtpHeader h = header.wrap(buffer, offset, length);
        if (length < RtpHeader.FIXED_HEADER_LENGTH) {
            return RtpRejection.TOO_SHORT;
        }
        if (h.version() != RtpHeader.VERSION) {
            return RtpRejection.BAD_VERSION;
        }
        // headerLength grows as each part is proven to fit; all values stay far below 2^31.
        int headerLength = RtpHeader.FIXED_HEADER_LENGTH + h.csrcCount() * RtpHeader.CSRC_LENGTH;
        if (headerLength > length) {
            return RtpRejection.CSRC_OVERRUN;
        }
        if (h.extension()) {
            if (length - headerLength < RtpHeader.EXTENSION_HEADER_LENGTH) {
                return RtpRejection.EXTENSION_OVERRUN;
            }
            // The length word sits in the second half of the extension header, just proven present.
            int words = buffer.getUnsignedShort(offset + headerLength + 2);
            headerLength += RtpHeader.EXTENSION_HEADER_LENGTH
                    + words * RtpHeader.EXTENSION_WORD_LENGTH;
            if (headerLength > length) {
                return RtpRejection.EXTENSION_OVERRUN;
            }
        }
        int body = length - headerLength;
        if (h.padding()) {
            // The pad count is the datagram's last byte and counts itself, so it must lie after
            // the header: with no body there is no count byte, only a header byte to misread.
            if (body == 0) {
                return RtpRejection.BAD_PADDING;
            }
            int pad = buffer.getUnsignedByte(offset + length - 1);
            if (pad == 0 || pad > body) {
                return RtpRejection.BAD_PADDING;
            }
            body -= pad;
        }
        if (h.payloadType() != expectedPayloadType) {
            return RtpRejection.WRONG_PAYLOAD_TYPE;
        }
        if (body == 0) {
            return RtpRejection.EMPTY_PAYLOAD;
        }
        if (body % frameBytes != 0) {
            return RtpRejection.PARTIAL_FRAME;
        }
        if (body / frameBytes > maxFrames) {
            return RtpRejection.PAYLOAD_TOO_LONG;
        }
        h.validated(offset + headerLength, body);
        return null;
    }

    /**
     * @return the flyweight over the last datagram given to {@link #validate}; its payload bounds
     *         are available only if that datagram was accepted
     */
    public RtpHeader header() {
        return header;
    }

    /**
     * @return absolute buffer index of the last accepted packet's first payload byte
     * @throws IllegalStateException if the last datagram was refused
     */
    public int payloadOffset() {
        return header.payloadOffset();
    }

    /**
     * @return payload bytes of the last accepted packet, padding excluded
     * @throws IllegalStateException if the last datagram was refused
     */
    public int payloadLength() {
        return header.payloadLength();
    }

    /**
     * @return whole L16 frames in the last accepted packet's payload
     * @throws IllegalStateException if the last datagram was refused
     */
    public int frames() {
        return header.payloadLength() / frameBytes;
    }

    /** @return interleaved samples in the last accepted packet's payload */
    public int samples() {
        return header.payloadLength() / L16Codec.BYTES_PER_SAMPLE;
    }

    /** @return the payload type this validator accepts */
    public int expectedPayloadType() {
        return expectedPayloadType;
    }

    /** @return interleaved channels per frame this validator expects */
    public int channels() {
        return frameBytes / L16Codec.BYTES_PER_SAMPLE;
    }

    /** @return most frames one accepted packet may carry */
    public int maxFrames() {
        return maxFrames;
    }
}
