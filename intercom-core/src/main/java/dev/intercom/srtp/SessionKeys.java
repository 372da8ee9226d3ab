package dev.intercom.srtp;

import java.util.Arrays;

/**
 * The session keys of one direction of traffic kind (SRTP or SRTCP), derived from a master key.
 *
 * @param encryptionKey the 16-byte AES session key
 * @param salt          the session salt, 14 bytes (AES-CM) or 12 bytes (GCM)
 * @param authKey       the 20-byte HMAC-SHA1 key, or an empty array when the cipher authenticates
 */
record SessionKeys(byte[] encryptionKey, byte[] salt, byte[] authKey) {

    /**
     * @param key the master key and salt
     * @return the SRTP (RTP) session keys, labels 0, 1 and 2
     */
    static SessionKeys forRtp(SrtpKey key) {
        return derive(key, KeyDerivation.SRTP_ENCRYPTION, KeyDerivation.SRTP_AUTHENTICATION,
                KeyDerivation.SRTP_SALT);
    }

    /**
     * @param key the master key and salt
     * @return the SRTCP session keys, labels 3, 4 and 5
     */
    static SessionKeys forRtcp(SrtpKey key) {
        return derive(key, KeyDerivation.SRTCP_ENCRYPTION, KeyDerivation.SRTCP_AUTHENTICATION,
                KeyDerivation.SRTCP_SALT);
    }

    private static SessionKeys derive(SrtpKey key, int encryption, int authentication, int salt) {
        SrtpProfile profile = key.profile();
        byte[] masterKey = key.masterKey();
        byte[] masterSalt = key.masterSalt();
        try {
            return new SessionKeys(
                    KeyDerivation.derive(masterKey, masterSalt, encryption,
                            SrtpProfile.AES_KEY_LENGTH),
                    KeyDerivation.derive(masterKey, masterSalt, salt, profile.masterSaltLength()),
                    KeyDerivation.derive(masterKey, masterSalt, authentication,
                            profile.authKeyLength()));
        } finally {
            // Only the session keys stay in memory; these copies of the master key are done.
            Arrays.fill(masterKey, (byte) 0);
            Arrays.fill(masterSalt, (byte) 0);
        }
    }

    /** @return a fixed text: session keys are secret */
    @Override
    public String toString() {
        return "SessionKeys[secret]";
    }
}
