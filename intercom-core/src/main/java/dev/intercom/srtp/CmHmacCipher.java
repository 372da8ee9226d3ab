package dev.intercom.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code AES_CM_128_HMAC_SHA1_80} (RFC 3711): AES counter mode for confidentiality, HMAC-SHA1
 * truncated to 80 bits for authentication.
 *
 * <p>SRTP: the payload after the header is encrypted with the counter block
 * {@code salt<<16 XOR SSRC<<64 XOR index<<16} (section 4.1.1); the tag is over the whole packet
 * followed by the 32-bit rollover counter (section 4.2) and is appended to it.
 *
 * <p>SRTCP (section 3.4): everything after the first 8 bytes is encrypted the same way with the
 * SRTCP index in place of the SRTP index, then the word {@code E | index} is appended, then the
 * tag over the packet including that word (no rollover counter).
 */
final class CmHmacCipher extends PacketCipher {

    private static final int TAG_LENGTH = 10;
    /** Bytes in the 48-bit SRTP index XORed into the counter block. */
    private static final int INDEX_BYTES = 6;
    /** Counter block offset of the SSRC (bits 64..95 counted from the low end). */
    private static final int SSRC_OFFSET = 4;
    /** Counter block offset of the index (bits 16..63 counted from the low end). */
    private static final int INDEX_OFFSET = 8;

    private final AesCounterMode aes;
    private final Mac hmac;
    private final byte[] salt;
    private final byte[] iv = new byte[AesCounterMode.BLOCK_LENGTH];
    private final byte[] rollover = new byte[4];
    private final byte[] digest;

    CmHmacCipher(SessionKeys keys) {
        this.aes = new AesCounterMode(keys.encryptionKey());
        this.salt = keys.salt().clone();
        try {
            hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(keys.authKey(), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot run HMAC-SHA1: "
                    + e.getMessage(), e);
        }
        this.digest = new byte[hmac.getMacLength()];
    }

    @Override
    int tagLength() {
        return TAG_LENGTH;
    }

    @Override
    int sealRtp(byte[] packet, int headerLength, int length, long ssrc, long index) {
        aes.apply(counterBlock(ssrc, index), packet, headerLength, length - headerLength);
        computeTag(packet, length, index >>> 16, true);
        System.arraycopy(digest, 0, packet, length, TAG_LENGTH);
        return length + TAG_LENGTH;
    }

    @Override
    int openRtp(byte[] packet, int headerLength, int length, long ssrc, long index) {
        int authenticated = length - TAG_LENGTH;
        computeTag(packet, authenticated, index >>> 16, true);
        if (!tagMatches(packet, authenticated)) {
            return -1;
        }
        aes.apply(counterBlock(ssrc, index), packet, headerLength, authenticated - headerLength);
        return authenticated;
    }

    @Override
    int sealRtcp(byte[] packet, int length, long ssrc, int index) {
        aes.apply(counterBlock(ssrc, index), packet, RTCP_CLEAR_LENGTH,
                length - RTCP_CLEAR_LENGTH);
        putInt(packet, length, index | 0x8000_0000);
        int authenticated = length + SrtpProfile.SRTCP_INDEX_LENGTH;
        computeTag(packet, authenticated, 0, false);
        System.arraycopy(digest, 0, packet, authenticated, TAG_LENGTH);
        return authenticated + TAG_LENGTH;
    }

    @Override
    int openRtcp(byte[] packet, int length, long ssrc) {
        int authenticated = length - TAG_LENGTH;
        computeTag(packet, authenticated, 0, false);
        if (!tagMatches(packet, authenticated)) {
            return -1;
        }
        int plainLength = authenticated - SrtpProfile.SRTCP_INDEX_LENGTH;
        int word = getInt(packet, plainLength);
        if (word < 0) {
            // E flag set: the sender encrypted; unencrypted SRTCP is authenticated only.
            aes.apply(counterBlock(ssrc, word & 0x7FFF_FFFF), packet, RTCP_CLEAR_LENGTH,
                    plainLength - RTCP_CLEAR_LENGTH);
        }
        return plainLength;
    }

    @Override
    int rtcpIndexOffset(int length) {
        return length - TAG_LENGTH - SrtpProfile.SRTCP_INDEX_LENGTH;
    }

    private byte[] counterBlock(long ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, salt.length);
        iv[14] = 0;
        iv[15] = 0;
        xorBigEndian(iv, SSRC_OFFSET, ssrc, 4);
        xorBigEndian(iv, INDEX_OFFSET, index, INDEX_BYTES);
        return iv;
    }

    /** HMAC-SHA1 over {@code packet[0, length)}, then the rollover counter for SRTP. */
    private void computeTag(byte[] packet, int length, long rolloverCounter, boolean withRoc) {
        hmac.update(packet, 0, length);
        if (withRoc) {
            putInt(rollover, 0, (int) rolloverCounter);
            hmac.update(rollover, 0, rollover.length);
        }
        try {
            hmac.doFinal(digest, 0);
        } catch (GeneralSecurityException e) {
            // digest is exactly the MAC length: this cannot happen.
            throw new IllegalStateException("HMAC-SHA1 failed: " + e.getMessage(), e);
        }
    }

    /** Compares the computed tag with the received one without an early exit (no timing leak). */
    private boolean tagMatches(byte[] packet, int at) {
        int difference = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            difference |= digest[i] ^ packet[at + i];
        }
        return difference == 0;
    }
}
