package dev.intercom.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code AEAD_AES_128_GCM} (RFC 7714): AES-GCM with a 16-byte tag.
 *
 * <p>SRTP (sections 8 and 9.1): the 12-byte IV is {@code 00 00 | SSRC | ROC | SEQ} XOR the session
 * salt; the header (with CSRCs and extension) is the associated data; the payload is encrypted and
 * the tag appended to it.
 *
 * <p>SRTCP (sections 9.1 and 10): the IV is {@code 00 00 | SSRC | 00 00 | 0 | SRTCP index} XOR the
 * salt. With the E flag set the first 8 bytes and the {@code E | index} word are associated data and
 * the rest is encrypted; with it clear the whole packet and the word are associated data. Either way
 * the packet on the wire is header, ciphertext, tag, then the {@code E | index} word last.
 *
 * <p>The JCE needs a new {@link GCMParameterSpec} and an {@code init} per packet, so each packet
 * allocates a little inside {@code javax.crypto}; our own scratch is preallocated.
 */
final class GcmCipher extends PacketCipher {

    private static final int TAG_LENGTH = 16;
    private static final int IV_LENGTH = 12;

    private final Cipher gcm;
    private final SecretKey key;
    private final byte[] salt;
    private final byte[] iv = new byte[IV_LENGTH];
    private final byte[] indexWord = new byte[SrtpProfile.SRTCP_INDEX_LENGTH];

    GcmCipher(SessionKeys keys) {
        this.key = new SecretKeySpec(keys.encryptionKey(), "AES");
        this.salt = keys.salt().clone();
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot run AES-GCM: "
                    + e.getMessage(), e);
        }
    }

    @Override
    int tagLength() {
        return TAG_LENGTH;
    }

    @Override
    int sealRtp(byte[] packet, int headerLength, int length, long ssrc, long index) {
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, rtpIv(ssrc, index));
            gcm.updateAAD(packet, 0, headerLength);
            return headerLength + gcm.doFinal(packet, headerLength, length - headerLength,
                    packet, headerLength);
        } catch (GeneralSecurityException e) {
            throw failure(e);
        }
    }

    @Override
    int openRtp(byte[] packet, int headerLength, int length, long ssrc, long index) {
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, rtpIv(ssrc, index));
            gcm.updateAAD(packet, 0, headerLength);
            return headerLength + gcm.doFinal(packet, headerLength, length - headerLength,
                    packet, headerLength);
        } catch (AEADBadTagException notAuthentic) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw failure(e);
        }
    }

    @Override
    int sealRtcp(byte[] packet, int length, long ssrc, int index) {
        putInt(indexWord, 0, index | 0x8000_0000);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, rtcpIv(ssrc, index));
            gcm.updateAAD(packet, 0, RTCP_CLEAR_LENGTH);
            gcm.updateAAD(indexWord, 0, indexWord.length);
            int sealed = RTCP_CLEAR_LENGTH + gcm.doFinal(packet, RTCP_CLEAR_LENGTH,
                    length - RTCP_CLEAR_LENGTH, packet, RTCP_CLEAR_LENGTH);
            System.arraycopy(indexWord, 0, packet, sealed, indexWord.length);
            return sealed + indexWord.length;
        } catch (GeneralSecurityException e) {
            throw failure(e);
        }
    }

    @Override
    int openRtcp(byte[] packet, int length, long ssrc) {
        int wordAt = rtcpIndexOffset(length);
        int word = getInt(packet, wordAt);
        boolean encrypted = word < 0;
        // Everything before the ciphertext is associated data: the clear header when encrypted,
        // the whole RTCP packet when not.
        int clear = encrypted ? RTCP_CLEAR_LENGTH : wordAt - TAG_LENGTH;
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, rtcpIv(ssrc, word & 0x7FFF_FFFF));
            gcm.updateAAD(packet, 0, clear);
            gcm.updateAAD(packet, wordAt, SrtpProfile.SRTCP_INDEX_LENGTH);
            return clear + gcm.doFinal(packet, clear, wordAt - clear, packet, clear);
        } catch (AEADBadTagException notAuthentic) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw failure(e);
        }
    }

    @Override
    int rtcpIndexOffset(int length) {
        return length - SrtpProfile.SRTCP_INDEX_LENGTH;
    }

    private GCMParameterSpec rtpIv(long ssrc, long index) {
        prepareIv(ssrc);
        PacketCipher.xorBigEndian(iv, 6, index, 6);
        return new GCMParameterSpec(TAG_LENGTH * 8, iv);
    }

    private GCMParameterSpec rtcpIv(long ssrc, int index) {
        prepareIv(ssrc);
        PacketCipher.xorBigEndian(iv, 8, index, 4);
        return new GCMParameterSpec(TAG_LENGTH * 8, iv);
    }

    /** Salt with the SSRC XORed into bytes 2..5; the caller adds ROC/SEQ or the SRTCP index. */
    private void prepareIv(long ssrc) {
        System.arraycopy(salt, 0, iv, 0, IV_LENGTH);
        PacketCipher.xorBigEndian(iv, 2, ssrc, 4);
    }

    private static IllegalStateException failure(GeneralSecurityException e) {
        // Buffers are sized by the caller and IVs never repeat for one key: a bug, not bad input.
        return new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
    }
}
