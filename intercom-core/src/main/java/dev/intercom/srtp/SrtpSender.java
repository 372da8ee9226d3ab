package dev.intercom.srtp;

import dev.intercom.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Protects outgoing RTP and RTCP packets in place: SRTP and SRTCP (RFC 3711, RFC 7714) with the
 * profile of the {@link SrtpKey} it was made with.
 *
 * <p>The packet is the buffer's readable bytes. On return they are the protected packet: the
 * payload encrypted and the tag (and for SRTCP the index word) appended at the writer index, which
 * moves on by {@link SrtpProfile#rtpOverhead()} or {@link SrtpProfile#rtcpOverhead()}. Give the
 * buffer that much writable room up front; otherwise {@link ByteBuf#ensureWritable(int)} grows it
 * (an allocation), or throws if its maximum capacity forbids.
 *
 * <p>The sender keeps, per SSRC, the rollover counter (from the sequence numbers it sees) and the
 * next SRTCP index (starting at 0). A sequence number must advance for each RTP packet of an SSRC,
 * because protecting two packets under one index would reuse keystream; one sender tracks at most
 * {@link #MAX_SSRCS} SSRCs and never forgets one, for the same reason. For the same reason again,
 * two senders (say, before and after a restart) must not share both key and SSRC: give each
 * session a fresh random SSRC, or a fresh key.
 *
 * <p>Threads: {@link #protectRtp} and {@link #protectRtcp} have separate state, so one thread may
 * send RTP while another sends RTCP; each method on its own is not thread-safe.
 */
public final class SrtpSender {

    /** Most SSRCs one sender protects (per RTP and per RTCP); our peers send one each. */
    public static final int MAX_SSRCS = 8;
    /** Largest protected packet: the most a UDP datagram carries. */
    static final int MAX_PACKET_LENGTH = 65_535;

    private final SrtpProfile profile;

    // SRTP state: touched only by the thread calling protectRtp.
    private final PacketCipher rtpCipher;
    private final SendStreams rtpStreams = new SendStreams(MAX_SSRCS);
    private final RtpHeader header = new RtpHeader();
    private final byte[] rtpScratch = new byte[MAX_PACKET_LENGTH];

    // SRTCP state: touched only by the thread calling protectRtcp.
    private final PacketCipher rtcpCipher;
    private final SendStreams rtcpStreams = new SendStreams(MAX_SSRCS);
    private final byte[] rtcpScratch = new byte[MAX_PACKET_LENGTH];

    /**
     * Derives the session keys from the master key (RFC 3711 section 4.3) and sets up the ciphers.
     *
     * @param key the master key and salt, which also fix the profile
     */
    public SrtpSender(SrtpKey key) {
        this(key.profile(), SessionKeys.forRtp(key), SessionKeys.forRtcp(key));
    }

    /** Uses the given session keys as they are: for published test vectors that skip derivation. */
    SrtpSender(SrtpProfile profile, SessionKeys rtpKeys, SessionKeys rtcpKeys) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.rtpCipher = PacketCipher.create(profile, rtpKeys);
        this.rtcpCipher = PacketCipher.create(profile, rtcpKeys);
    }

    /** @return the protection profile */
    public SrtpProfile profile() {
        return profile;
    }

    /**
     * Turns the RTP packet in {@code packet}'s readable bytes into an SRTP packet, in place.
     *
     * @param packet an RTP packet (version 2, complete header); its writer index moves on by the tag
     * @throws IllegalArgumentException if it is not an RTP packet, would not fit a datagram once
     *                                  protected, or its sequence number does not advance
     * @throws IllegalStateException    if more than {@value #MAX_SSRCS} SSRCs appear, or the
     *                                  48-bit index runs out
     */
    public void protectRtp(ByteBuf packet) {
        int offset = packet.readerIndex();
        int length = packet.readableBytes();
        int headerLength = PacketLayout.rtpHeaderLength(header, packet, offset, length);
        if (headerLength < 0) {
            throw new IllegalArgumentException("SRTP: cannot protect a packet that is not RTP"
                    + " version 2 with a complete header (" + length + " bytes)");
        }
        checkFits(length, profile.rtpOverhead());
        packet.ensureWritable(profile.rtpOverhead());
        long ssrc = header.ssrc();
        long index = nextRtpIndex(ssrc, header.sequenceNumber());
        packet.getBytes(offset, rtpScratch, 0, length);
        int sealed = rtpCipher.sealRtp(rtpScratch, headerLength, length, ssrc, index);
        packet.setBytes(offset, rtpScratch, 0, sealed);
        packet.writerIndex(offset + sealed);
    }

    /**
     * Turns the (compound) RTCP packet in {@code packet}'s readable bytes into an SRTCP packet, in
     * place, encrypted (E flag set) with the SSRC's next SRTCP index.
     *
     * @param packet an RTCP packet, at least its 8-byte header; its writer index moves on by the
     *               SRTCP overhead
     * @throws IllegalArgumentException if it is shorter than 8 bytes, not version 2, or would not
     *                                  fit a datagram once protected
     * @throws IllegalStateException    if too many SSRCs appear, or the 31-bit index runs out
     */
    public void protectRtcp(ByteBuf packet) {
        int offset = packet.readerIndex();
        int length = packet.readableBytes();
        if (length < PacketCipher.RTCP_CLEAR_LENGTH || !PacketLayout.isVersion2(packet, offset)) {
            throw new IllegalArgumentException("SRTCP: cannot protect a packet that is not RTCP"
                    + " version 2 with an 8-byte header (" + length + " bytes)");
        }
        checkFits(length, profile.rtcpOverhead());
        packet.ensureWritable(profile.rtcpOverhead());
        long ssrc = packet.getUnsignedInt(offset + RtpHeader.TIMESTAMP_OFFSET);
        int index = nextRtcpIndex(ssrc);
        packet.getBytes(offset, rtcpScratch, 0, length);
        int sealed = rtcpCipher.sealRtcp(rtcpScratch, length, ssrc, index);
        packet.setBytes(offset, rtcpScratch, 0, sealed);
        packet.writerIndex(offset + sealed);
    }

    /**
     * Sets the SRTCP index the next packet of {@code ssrc} gets; for published test vectors that
     * start mid-session. Call from the RTCP sending thread.
     */
    void setNextRtcpIndex(long ssrc, int index) {
        int slot = rtcpStreams.find(ssrc);
        if (slot < 0) {
            rtcpStreams.add(ssrc, index);
        } else {
            rtcpStreams.setValue(slot, index);
        }
    }

    /** @return the profile only */
    @Override
    public String toString() {
        return "SrtpSender[" + profile + "]";
    }

    private long nextRtpIndex(long ssrc, int sequenceNumber) {
        int slot = rtpStreams.find(ssrc);
        if (slot < 0) {
            // A new stream starts with rollover counter 0 (RFC 3711 section 3.3.1).
            rtpStreams.add(ssrc, sequenceNumber);
            return sequenceNumber;
        }
        long highest = rtpStreams.value(slot);
        long index = SrtpIndex.estimate(highest, sequenceNumber);
        if (index <= highest) {
            throw new IllegalArgumentException("SRTP: RTP sequence number " + sequenceNumber
                    + " does not advance past " + (highest & 0xFFFF) + " for SSRC "
                    + Long.toHexString(ssrc) + "; a repeated index would reuse keystream");
        }
        if (index >= SrtpIndex.LIMIT) {
            throw new IllegalStateException("SRTP: 2^48 packets sent under one key; rekey");
        }
        rtpStreams.setValue(slot, index);
        return index;
    }

    private int nextRtcpIndex(long ssrc) {
        int slot = rtcpStreams.find(ssrc);
        if (slot < 0) {
            slot = rtcpStreams.add(ssrc, 0);
        }
        long index = rtcpStreams.value(slot);
        if (index > Integer.MAX_VALUE) {
            throw new IllegalStateException("SRTCP: 2^31 packets sent under one key; rekey");
        }
        rtcpStreams.setValue(slot, index + 1);
        return (int) index;
    }

    private static void checkFits(int length, int overhead) {
        if (length > MAX_PACKET_LENGTH - overhead) {
            throw new IllegalArgumentException("SRTP: a " + length + "-byte packet plus "
                    + overhead + " bytes of tag does not fit in a UDP datagram");
        }
    }
}
