package dev.intercom.dtls;

import dev.intercom.srtp.SrtpKey;

/**
 * The SRTP keys a DTLS handshake exported (RFC 5764 section 4.2): one for what we send, one for
 * what the peer sends, both of the profile the two sides agreed on. New for every handshake.
 *
 * @param send    protects our RTP and RTCP
 * @param receive checks and decrypts the peer's
 */
public record DtlsSrtpKeys(SrtpKey send, SrtpKey receive) {

    /** Never the keys themselves. */
    @Override
    public String toString() {
        return "DTLS-SRTP keys (" + send.profile().label() + ")";
    }
}
