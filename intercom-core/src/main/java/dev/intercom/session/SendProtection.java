package dev.intercom.session;

import dev.intercom.srtp.SrtpProfile;
import dev.intercom.srtp.SrtpSender;
import io.netty.buffer.ByteBuf;

/**
 * What protects our outgoing RTP and RTCP: one {@link SrtpSender}, which DTLS replaces when it
 * re-keys mid-session (the peer restarted and a new handshake made new keys). The capture and
 * RTCP threads each read the current sender once per packet; a packet is sealed wholly under
 * the old keys or wholly under the new ones.
 */
final class SendProtection {

    /** Room every packet buffer keeps for the largest SRTP trailer, whatever profile a re-key picks. */
    static final int MAX_RTP_OVERHEAD;

    static {
        int max = 0;
        for (SrtpProfile p : SrtpProfile.values()) {
            max = Math.max(max, p.rtpOverhead());
        }
        MAX_RTP_OVERHEAD = max;
    }

    private volatile SrtpSender sender;

    /** @param first the keys to start with */
    SendProtection(SrtpSender first) {
        this.sender = first;
    }

    /** From the next packet on, protects with {@code next}. */
    void replace(SrtpSender next) {
        this.sender = next;
    }

    /** Seals an RTP packet in place (capture thread). */
    void protectRtp(ByteBuf packet) {
        sender.protectRtp(packet);
    }

    /** Seals a compound RTCP packet in place (timer thread). */
    void protectRtcp(ByteBuf packet) {
        sender.protectRtcp(packet);
    }
}
