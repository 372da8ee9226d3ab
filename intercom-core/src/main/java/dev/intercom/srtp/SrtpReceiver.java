package dev.intercom.srtp;

import dev.intercom.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Checks and decrypts incoming SRTP and SRTCP packets in place (RFC 3711, RFC 7714), with the
 * profile of the {@link SrtpKey} it was made with.
 *
 * <p>The packet is the buffer's readable bytes. With {@link SrtpVerdict#OK} they become the plain
 * RTP/RTCP packet: payload decrypted, tag (and SRTCP index word) cut off by moving the writer index
 * back; the reader index never moves. With any other verdict the buffer is left exactly as it was,
 * and the packet must be dropped.
 *
 * <p>Order of checks, as RFC 3711 section 3.3 prescribes: length, then the index estimate and the
 * replay window, then the tag; only an authentic packet changes state. Per SSRC the receiver keeps
 * the highest index (so the rollover counter) and a replay window of the last N indices; a stream
 * it has not seen starts on its first authentic packet, with rollover counter 0. It tracks
 * {@link #MAX_SSRCS} SSRCs and forgets the least recently heard when a new one authenticates.
 *
 * <p>Threads: {@link #unprotectRtp} and {@link #unprotectRtcp} have separate state, so RTP and RTCP
 * may be received on different threads; each method on its own is not thread-safe.
 */
public final class SrtpReceiver {

    /** Default replay window: the last 1024 indices (RFC 3711 asks for at least 64). */
    public static final int DEFAULT_REPLAY_WINDOW = 1024;
    /** Largest replay window; beyond half the 16-bit sequence space the index estimate breaks. */
    public static final int MAX_REPLAY_WINDOW = 1 << 15;
    /** SSRCs tracked at once, per RTP and per RTCP. */
    public static final int MAX_SSRCS = 8;

    private final SrtpProfile profile;

    // SRTP state: touched only by the thread calling unprotectRtp.
    private final PacketCipher rtpCipher;
    private final ReceiveStreams rtpStreams;
    private final RtpHeader header = new RtpHeader();
    private final byte[] rtpScratch = new byte[SrtpSender.MAX_PACKET_LENGTH];

    // SRTCP state: touched only by the thread calling unprotectRtcp.
    private final PacketCipher rtcpCipher;
    private final ReceiveStreams rtcpStreams;
    private final byte[] rtcpScratch = new byte[SrtpSender.MAX_PACKET_LENGTH];

    /**
     * A receiver with the {@link #DEFAULT_REPLAY_WINDOW default} replay window.
     *
     * @param key the master key and salt the peer protects with, which also fix the profile
     */
    public SrtpReceiver(SrtpKey key) {
        this(key, DEFAULT_REPLAY_WINDOW);
    }

    /**
     * @param key          the master key and salt the peer protects with
     * @param replayWindow indices remembered per SSRC: a power of two from 64 to
     *                     {@value #MAX_REPLAY_WINDOW}
     * @throws IllegalArgumentException if the window size is out of range
     */
    public SrtpReceiver(SrtpKey key, int replayWindow) {
        this(key.profile(), SessionKeys.forRtp(key), SessionKeys.forRtcp(key), replayWindow);
    }

    /** Uses the given session keys as they are: for published test vectors that skip derivation. */
    SrtpReceiver(SrtpProfile profile, SessionKeys rtpKeys, SessionKeys rtcpKeys, int replayWindow) {
        if (replayWindow < Long.SIZE || replayWindow > MAX_REPLAY_WINDOW
                || Integer.bitCount(replayWindow) != 1) {
            throw new IllegalArgumentException("SRTP replay window must be a power of two from 64"
                    + " to " + MAX_REPLAY_WINDOW + " packets, got " + replayWindow);
        }
        this.profile = Objects.requireNonNull(profile, "profile");
        this.rtpCipher = PacketCipher.create(profile, rtpKeys);
        this.rtcpCipher = PacketCipher.create(profile, rtcpKeys);
        this.rtpStreams = new ReceiveStreams(MAX_SSRCS, replayWindow);
        this.rtcpStreams = new ReceiveStreams(MAX_SSRCS, replayWindow);
    }

    /** @return the protection profile */
    public SrtpProfile profile() {
        return profile;
    }

    /**
     * Authenticates and decrypts the SRTP packet in {@code packet}'s readable bytes.
     *
     * @param packet one received datagram
     * @return {@link SrtpVerdict#OK} with the plain RTP packet now readable, otherwise why the
     *         packet must be dropped (the buffer unchanged)
     */
    public SrtpVerdict unprotectRtp(ByteBuf packet) {
        int offset = packet.readerIndex();
        int length = packet.readableBytes();
        if (length < RtpHeader.FIXED_HEADER_LENGTH + profile.rtpOverhead()) {
            return SrtpVerdict.TOO_SHORT;
        }
        if (length > rtpScratch.length) {
            return SrtpVerdict.AUTH_FAILED;
        }
        // A header that does not parse cannot be authenticated (GCM needs its length to do so).
        int headerLength = PacketLayout.rtpHeaderLength(header, packet, offset,
                length - profile.rtpOverhead());
        if (headerLength < 0) {
            return SrtpVerdict.AUTH_FAILED;
        }
        long ssrc = header.ssrc();
        int sequenceNumber = header.sequenceNumber();
        ReplayWindow window = rtpStreams.find(ssrc);
        long index = window == null ? sequenceNumber
                : SrtpIndex.estimate(window.highest(), sequenceNumber);
        if (index < 0 || window != null && !window.isFresh(index)) {
            return SrtpVerdict.REPLAYED;
        }
        packet.getBytes(offset, rtpScratch, 0, length);
        int plainLength = rtpCipher.openRtp(rtpScratch, headerLength, length, ssrc, index);
        if (plainLength < 0) {
            return SrtpVerdict.AUTH_FAILED;
        }
        rtpStreams.claim(ssrc).accept(index);
        packet.setBytes(offset + headerLength, rtpScratch, headerLength, plainLength - headerLength);
        packet.writerIndex(offset + plainLength);
        return SrtpVerdict.OK;
    }

    /**
     * Authenticates and, if it was encrypted, decrypts the SRTCP packet in {@code packet}'s
     * readable bytes. Packets sent unencrypted (E flag clear) are accepted once authenticated.
     *
     * @param packet one received datagram
     * @return {@link SrtpVerdict#OK} with the plain RTCP packet now readable, otherwise why the
     *         packet must be dropped (the buffer unchanged)
     */
    public SrtpVerdict unprotectRtcp(ByteBuf packet) {
        int offset = packet.readerIndex();
        int length = packet.readableBytes();
        if (length < PacketCipher.RTCP_CLEAR_LENGTH + profile.rtcpOverhead()) {
            return SrtpVerdict.TOO_SHORT;
        }
        if (length > rtcpScratch.length || !PacketLayout.isVersion2(packet, offset)) {
            return SrtpVerdict.AUTH_FAILED;
        }
        long ssrc = packet.getUnsignedInt(offset + RtpHeader.TIMESTAMP_OFFSET);
        long index = packet.getInt(offset + rtcpCipher.rtcpIndexOffset(length)) & 0x7FFF_FFFFL;
        ReplayWindow window = rtcpStreams.find(ssrc);
        if (window != null && !window.isFresh(index)) {
            return SrtpVerdict.REPLAYED;
        }
        packet.getBytes(offset, rtcpScratch, 0, length);
        int plainLength = rtcpCipher.openRtcp(rtcpScratch, length, ssrc);
        if (plainLength < 0) {
            return SrtpVerdict.AUTH_FAILED;
        }
        rtcpStreams.claim(ssrc).accept(index);
        int clear = PacketCipher.RTCP_CLEAR_LENGTH;
        packet.setBytes(offset + clear, rtcpScratch, clear, plainLength - clear);
        packet.writerIndex(offset + plainLength);
        return SrtpVerdict.OK;
    }

    /** @return the profile only */
    @Override
    public String toString() {
        return "SrtpReceiver[" + profile + "]";
    }
}
