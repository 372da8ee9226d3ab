package dev.intercom.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as RFC 3711 section 4.1.1 defines it: keystream block {@code j} is the AES
 * encryption of {@code IV + j} (128-bit big-endian addition), XORed onto the data. Used both for
 * SRTP/SRTCP encryption and, with the master key, as the key derivation PRF (section 4.3.3).
 *
 * <p>The counter blocks are built here and encrypted with one AES/ECB cipher initialised once, so a
 * packet costs no cipher re-initialisation and no allocation (a JCE CTR cipher would need an
 * {@code init} with a fresh IV object per packet).
 *
 * <p>Not thread-safe: it owns its scratch blocks.
 */
final class AesCounterMode {

    /** Bytes in one AES block, and in an AES-CM IV. */
    static final int BLOCK_LENGTH = 16;
    // Blocks encrypted per ECB call: big enough to amortise the call, small enough to stay in L1.
    private static final int CHUNK_BLOCKS = 32;

    private final Cipher ecb;
    private final byte[] counter = new byte[BLOCK_LENGTH];
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK_LENGTH];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK_LENGTH];

    /**
     * @param key a 16-byte AES key
     * @throws IllegalStateException if this Java runtime has no AES
     */
    AesCounterMode(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot run AES: " + e.getMessage(), e);
        }
    }

    /**
     * XORs the keystream that starts at counter block {@code iv} onto {@code data}, which encrypts
     * plaintext and decrypts ciphertext alike.
     *
     * @param iv     the 16-byte initial counter block; not modified
     * @param data   the bytes to transform in place
     * @param offset first byte to transform
     * @param length bytes to transform
     */
    void apply(byte[] iv, byte[] data, int offset, int length) {
        System.arraycopy(iv, 0, counter, 0, BLOCK_LENGTH);
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, keystream.length);
            int blocks = (chunk + BLOCK_LENGTH - 1) / BLOCK_LENGTH;
            for (int b = 0; b < blocks; b++) {
                System.arraycopy(counter, 0, counters, b * BLOCK_LENGTH, BLOCK_LENGTH);
                increment(counter);
            }
            encrypt(blocks * BLOCK_LENGTH);
            for (int i = 0; i < chunk; i++) {
                data[offset + done + i] ^= keystream[i];
            }
            done += chunk;
        }
    }

    private void encrypt(int bytes) {
        try {
            ecb.update(counters, 0, bytes, keystream, 0);
        } catch (GeneralSecurityException e) {
            // The output array always has room for the input: this cannot happen.
            throw new IllegalStateException("AES keystream failed: " + e.getMessage(), e);
        }
    }

    /** Adds one to a big-endian 128-bit counter, carrying across bytes (RFC 3711 wraps mod 2^128). */
    private static void increment(byte[] block) {
        for (int i = BLOCK_LENGTH - 1; i >= 0; i--) {
            if (++block[i] != 0) {
                return;
            }
        }
    }
}
