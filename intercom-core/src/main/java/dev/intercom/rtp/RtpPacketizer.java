package dev.intercom.rtp;

import dev.intercom.codec.L16Codec;
import io.netty.buffer.ByteBuf;
import java.util.random.RandomGenerator;

/**
 * The sending side of one RTP stream: turns blocks of interleaved samples into RTP/L16 packets,
 * keeping the sequence number (+1 per packet, wrapping at 2^16), the timestamp (+frames per
 * packet, wrapping at 2^32, so it counts frames at the sample rate) and the counters an RTCP
 * sender report needs.
 *
 * <p>The marker bit is set on the first packet only: the stream is one continuous talkspurt.
 *
 * <p>Single writer: {@link #writePacket} and the sequence/timestamp getters belong to the sending
 * thread. {@link #packetsWritten()} and {@link #octetsWritten()} are volatile and may be read from
 * any thread (e.g. a statistics reporter).
 */
public final class RtpPacketizer {

    private final int payloadType;
    private final long ssrc;
    private int nextSequence;
    private long nextTimestamp;
    private volatile long packetsWritten;
    private volatile long octetsWritten;
    /** Whether the next packet follows a gap ({@link #skip}) and carries the marker bit. */
    private boolean gapBefore;

    /**
     * @param payloadType      RTP payload type, 0..127 (96 by default for L16 in this application)
     * @param ssrc             synchronization source identifier, 0..2^32-1
     * @param initialSequence  sequence number of the first packet, 0..65535
     * @param initialTimestamp timestamp of the first packet, 0..2^32-1
     * @throws IllegalArgumentException if a value is out of range
     */
    public RtpPacketizer(int payloadType, long ssrc, int initialSequence, long initialTimestamp) {
        if (payloadType < 0 || payloadType > RtpHeader.MAX_PAYLOAD_TYPE) {
            throw new IllegalArgumentException("RTP payload type must be 0..127, got " + payloadType);
        }
        if ((ssrc >>> 32) != 0) {
            throw new IllegalArgumentException("RTP SSRC must be 0..2^32-1, got " + ssrc);
        }
        if ((initialSequence & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(
                    "RTP sequence number must be 0..65535, got " + initialSequence);
        }
        if ((initialTimestamp >>> 32) != 0) {
            throw new IllegalArgumentException(
                    "RTP timestamp must be 0..2^32-1, got " + initialTimestamp);
        }
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.nextSequence = initialSequence;
        this.nextTimestamp = initialTimestamp;
    }

    /**
     * Creates a packetizer with a random SSRC, initial sequence number and initial timestamp, as
     * RFC 3550 sections 5.1 and 8 ask, so streams are hard to predict and SSRCs rarely collide.
     * Pass a {@link java.security.SecureRandom} in production and a seeded generator in tests.
     *
     * @param payloadType RTP payload type, 0..127
     * @param random      source of the random values
     * @return a new packetizer
     */
    public static RtpPacketizer random(int payloadType, RandomGenerator random) {
        long ssrc = random.nextInt() & 0xFFFF_FFFFL;
        int sequence = random.nextInt(SequenceNumbers.SEQUENCE_MODULUS);
        long timestamp = random.nextInt() & 0xFFFF_FFFFL;
        return new RtpPacketizer(payloadType, ssrc, sequence, timestamp);
    }

    /**
     * Appends one RTP packet (12-byte header, then {@code frames * channels} L16 samples) at
     * {@code out}'s writer index, then advances sequence number and timestamp.
     *
     * @param out      destination, grown if needed
     * @param samples  interleaved samples; the first {@code frames * channels} are sent
     * @param frames   frames in this packet, at least 1
     * @param channels interleaved channels per frame, at least 1
     * @throws IllegalArgumentException if {@code frames} or {@code channels} is not positive or
     *                                  {@code samples} holds fewer than {@code frames * channels}
     */
    /**
     * Writes one packet whose payload {@code codec} encodes from {@code frames} frames; the
     * timestamp advances by the frames in the codec's RTP clock.
     *
     * @param timestampStep RTP timestamp units per packet (frames, scaled to the codec's clock)
     */
    public void writePacket(ByteBuf out, short[] samples, int frames, dev.intercom.codec.PayloadCodec codec,
            int timestampStep) {
        RtpHeaderWriter.write(out, takeMarker(), payloadType, nextSequence, nextTimestamp, ssrc);
        int payload = codec.encode(samples, frames, out);
        nextSequence = SequenceNumbers.next(nextSequence);
        nextTimestamp = SequenceNumbers.advanceTimestamp(nextTimestamp, timestampStep);
        packetsWritten = packetsWritten + 1;
        octetsWritten = octetsWritten + payload;
    }

    public void writePacket(ByteBuf out, short[] samples, int frames, int channels) {
        if (frames < 1 || channels < 1 || (long) frames * channels > samples.length) {
            throw new IllegalArgumentException("cannot send " + frames + " frames of " + channels
                    + " channels from " + samples.length + " samples");
        }
        int sampleCount = frames * channels;
        RtpHeaderWriter.write(out, takeMarker(), payloadType, nextSequence, nextTimestamp, ssrc);
        L16Codec.encode(samples, sampleCount, out);
        nextSequence = SequenceNumbers.next(nextSequence);
        nextTimestamp = SequenceNumbers.advanceTimestamp(nextTimestamp, frames);
        // Single writer, so read-then-write on the volatiles loses nothing.
        packetsWritten = packetsWritten + 1;
        octetsWritten = octetsWritten + (long) sampleCount * L16Codec.BYTES_PER_SAMPLE;
    }

    /**
     * Leaves a gap of {@code timestampUnits} before the next packet, which has the next sequence
     * number as usual (nothing was lost on the way) and the marker bit, as the first packet of a
     * talkspurt does (RFC 3551 section 4.1): audio that was never sent, such as what a capture
     * dropped as stale.
     */
    public void skip(long timestampUnits) {
        if (timestampUnits > 0) {
            nextTimestamp = SequenceNumbers.advanceTimestamp(nextTimestamp, timestampUnits);
            gapBefore = true;
        }
    }

    /** @return whether the packet being written carries the marker bit: the first, or the first after a gap */
    private boolean takeMarker() {
        boolean marker = packetsWritten == 0 || gapBefore;
        gapBefore = false;
        return marker;
    }

    /** @return the payload type of every packet */
    public int payloadType() {
        return payloadType;
    }

    /** @return the synchronization source identifier, 0..2^32-1 */
    public long ssrc() {
        return ssrc;
    }

    /** @return the sequence number the next packet will carry, 0..65535 */
    public int nextSequence() {
        return nextSequence;
    }

    /** @return the timestamp the next packet will carry, 0..2^32-1 */
    public long nextTimestamp() {
        return nextTimestamp;
    }

    /** @return packets written so far (an RTCP sender report sends the low 32 bits) */
    public long packetsWritten() {
        return packetsWritten;
    }

    /**
     * @return payload octets written so far, headers excluded, as RTCP's sender octet count
     *         defines them (a sender report sends the low 32 bits)
     */
    public long octetsWritten() {
        return octetsWritten;
    }
}
