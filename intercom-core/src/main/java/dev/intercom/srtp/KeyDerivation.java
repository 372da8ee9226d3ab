package dev.intercom.srtp;

/**
 * The SRTP key derivation of RFC 3711 section 4.3 with a key derivation rate of 0, which RFC 7714
 * section 11 reuses for the GCM profiles.
 *
 * <p>Each session key is the AES-CM keystream under the master key, starting at the counter block
 * {@code (label << 48 XOR master_salt) << 16}: the 14-byte salt in bytes 0..13 with the label
 * XORed into byte 7 (the 8-bit label followed by the 48-bit index DIV rate, which is 0), and two
 * zero counter bytes. A 12-byte GCM master salt is padded with two zero bytes on the right to the
 * 112 bits the PRF takes, as libsrtp does (checked against its GCM reference packet in the tests).
 */
final class KeyDerivation {

    /** Label of the SRTP encryption key. */
    static final int SRTP_ENCRYPTION = 0x00;
    /** Label of the SRTP authentication key. */
    static final int SRTP_AUTHENTICATION = 0x01;
    /** Label of the SRTP salting key. */
    static final int SRTP_SALT = 0x02;
    /** Label of the SRTCP encryption key. */
    static final int SRTCP_ENCRYPTION = 0x03;
    /** Label of the SRTCP authentication key. */
    static final int SRTCP_AUTHENTICATION = 0x04;
    /** Label of the SRTCP salting key. */
    static final int SRTCP_SALT = 0x05;

    /** Bytes of master salt the PRF's input block holds; shorter salts are zero-padded. */
    private static final int PRF_SALT_LENGTH = 14;
    /** Byte of the input block the label is XORed into: 7 bytes from the end of the salt. */
    private static final int LABEL_OFFSET = 7;

    private KeyDerivation() {
    }

    /**
     * Derives one session key.
     *
     * @param masterKey  the 16-byte master key
     * @param masterSalt the master salt, at most 14 bytes
     * @param label      which key: one of the label constants, 0..5
     * @param length     bytes to derive
     * @return the session key
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        if (masterSalt.length > PRF_SALT_LENGTH) {
            throw new IllegalArgumentException("master salt longer than 14 bytes");
        }
        byte[] iv = new byte[AesCounterMode.BLOCK_LENGTH];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        iv[LABEL_OFFSET] ^= (byte) label;
        byte[] out = new byte[length];
        new AesCounterMode(masterKey).apply(iv, out, 0, length);
        return out;
    }
}
