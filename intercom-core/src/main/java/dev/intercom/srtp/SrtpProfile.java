package dev.intercom.srtp;

import java.util.Locale;

/**
 * The SRTP protection profiles this package speaks, with the sizes each one puts on the wire.
 *
 * <p>{@link #AES128_CM_SHA1_80} (RFC 3711) is the one every SRTP implementation has;
 * {@link #AEAD_AES128_GCM} (RFC 7714) encrypts and authenticates in one pass with a longer tag.
 * Both derive their session keys from the master key and salt with the AES-CM PRF of RFC 3711
 * section 4.3, with a key derivation rate of 0 (one set of session keys for the whole session).
 */
public enum SrtpProfile {

    /** AES-128 counter mode, 80-bit HMAC-SHA1 tag: SDES {@code AES_CM_128_HMAC_SHA1_80}. */
    AES128_CM_SHA1_80("aes128-cm-sha1-80", 14, 10, 20),
    /** AES-128 in Galois/counter mode, 128-bit tag: {@code AEAD_AES_128_GCM} (RFC 7714). */
    AEAD_AES128_GCM("aes128-gcm", 12, 16, 0);

    /** The profile used when none is chosen. */
    public static final SrtpProfile DEFAULT = AES128_CM_SHA1_80;

    /** Bytes in the AES-128 master key and in each derived session encryption key. */
    static final int AES_KEY_LENGTH = 16;
    /** Bytes of the SRTCP trailer word: the E flag and the 31-bit SRTCP index. */
    static final int SRTCP_INDEX_LENGTH = 4;

    private final String label;
    private final int saltLength;
    private final int tagLength;
    private final int authKeyLength;

    SrtpProfile(String label, int saltLength, int tagLength, int authKeyLength) {
        this.label = label;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
        this.authKeyLength = authKeyLength;
    }

    /**
     * Finds a profile by its command-line label, ignoring case.
     *
     * @param label {@code aes128-cm-sha1-80} or {@code aes128-gcm}
     * @return the profile
     * @throws IllegalArgumentException with a one-line message listing the accepted labels
     */
    public static SrtpProfile fromLabel(String label) {
        String wanted = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        for (SrtpProfile profile : values()) {
            if (profile.label.equals(wanted)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown SRTP profile '" + label + "': use "
                + AES128_CM_SHA1_80.label + " (default) or " + AEAD_AES128_GCM.label);
    }

    /** @return the command-line label, e.g. {@code aes128-cm-sha1-80} */
    public String label() {
        return label;
    }

    /** @return bytes in the master key (16 for both profiles) */
    public int masterKeyLength() {
        return AES_KEY_LENGTH;
    }

    /** @return bytes in the master salt: 14 for AES-CM, 12 for GCM */
    public int masterSaltLength() {
        return saltLength;
    }

    /**
     * @return bytes of keying material a key string carries: master key plus master salt
     *         (30 for AES-CM, 28 for GCM)
     */
    public int keyLength() {
        return AES_KEY_LENGTH + saltLength;
    }

    /** @return bytes of the authentication tag appended to every packet: 10 or 16 */
    public int tagLength() {
        return tagLength;
    }

    /** @return bytes SRTP adds to an RTP packet (the tag) */
    public int rtpOverhead() {
        return tagLength;
    }

    /** @return bytes SRTCP adds to an RTCP packet (the E flag and index word, and the tag) */
    public int rtcpOverhead() {
        return tagLength + SRTCP_INDEX_LENGTH;
    }

    /** @return bytes in the derived session authentication key; 0 when the cipher authenticates */
    int authKeyLength() {
        return authKeyLength;
    }

    /** @return the label, so the profile prints as users type it */
    @Override
    public String toString() {
        return label;
    }
}
