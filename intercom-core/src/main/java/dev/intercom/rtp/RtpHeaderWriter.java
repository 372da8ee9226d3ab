package dev.intercom.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Writes the 12-byte RTP fixed header this application sends: version 2, no padding, no
 * extension, no CSRCs. Stateless; see {@link RtpPacketizer} for the per-stream counters.
 */
public final class RtpHeaderWriter {

    // Version 2 in the top two bits; P, X and CC all zero.
    private static final int FLAGS = RtpHeader.VERSION << RtpHeader.VERSION_SHIFT;

    private RtpHeaderWriter() {
    }

    /**
     * Appends a header at {@code out}'s writer index and advances it by
     * {@link RtpHeader#FIXED_HEADER_LENGTH}, growing the buffer if needed.
     *
     * @param out            destination
     * @param marker         marker bit (first packet of a talkspurt for audio)
     * @param payloadType    0..127
     * @param sequenceNumber 0..65535
     * @param timestamp      0..2^32-1
     * @param ssrc           0..2^32-1
     * @throws IllegalArgumentException if a field is out of its range
     */
    public static void write(ByteBuf out, boolean marker, int payloadType, int sequenceNumber,
            long timestamp, long ssrc) {
        out.ensureWritable(RtpHeader.FIXED_HEADER_LENGTH);
        int at = out.writerIndex();
        writeAt(out, at, marker, payloadType, sequenceNumber, timestamp, ssrc);
        out.writerIndex(at + RtpHeader.FIXED_HEADER_LENGTH);
    }

    /**
     * Writes a header at an absolute index; neither buffer index moves.
     *
     * @param out            destination, with capacity for 12 bytes at {@code offset}
     * @param offset         absolute index of the header's first byte
     * @param marker         marker bit
     * @param payloadType    0..127
     * @param sequenceNumber 0..65535
     * @param timestamp      0..2^32-1
     * @param ssrc           0..2^32-1
     * @throws IllegalArgumentException  if a field is out of its range
     * @throws IndexOutOfBoundsException if the header does not fit in the buffer's capacity
     */
    public static void writeAt(ByteBuf out, int offset, boolean marker, int payloadType,
            int sequenceNumber, long timestamp, long ssrc) {
        // Silently masking would put a different value on the wire than the caller asked for.
        if ((payloadType & ~RtpHeader.PAYLOAD_TYPE_MASK) != 0) {
            throw new IllegalArgumentException("RTP payload type must be 0..127, got " + payloadType);
        }
        if ((sequenceNumber & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(
                    "RTP sequence number must be 0..65535, got " + sequenceNumber);
        }
        if ((timestamp >>> 32) != 0) {
            throw new IllegalArgumentException("RTP timestamp must be 0..2^32-1, got " + timestamp);
        }
        if ((ssrc >>> 32) != 0) {
            throw new IllegalArgumentException("RTP SSRC must be 0..2^32-1, got " + ssrc);
        }
        out.setByte(offset + RtpHeader.FLAGS_OFFSET, FLAGS);
        out.setByte(offset + RtpHeader.MARKER_PAYLOAD_TYPE_OFFSET,
                (marker ? RtpHeader.MARKER_BIT : 0) | payloadType);
        out.setShort(offset + RtpHeader.SEQUENCE_NUMBER_OFFSET, sequenceNumber);
        out.setInt(offset + RtpHeader.TIMESTAMP_OFFSET, (int) timestamp);
        out.setInt(offset + RtpHeader.SSRC_OFFSET, (int) ssrc);
    }
}
