package dev.intercom.srtp;

import static dev.intercom.srtp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import java.math.BigInteger;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole packets against published vectors (RFC 7714 sections 16 and 17, and the reference packets
 * of libsrtp's self-test that other implementations check against), plus packets after a rollover
 * checked against a direct computation with the JCE from the RFC 3711 B.3 session keys.
 */
@Timeout(10)
class SrtpVectorsTest {

    // libsrtp's srtp_validate material: the RFC 3711 B.3 master key and salt.
    private static final String CM_KEY = "E1F97A0D3E018BE0D64FA32C06DE4139"
            + "0EC675AD498AFEEBB6960B3AABE6";
    private static final String LIBSRTP_RTP = "800f1234 decafbad cafebabe" + " ab".repeat(16);
    private static final String LIBSRTP_RTCP = "81c8000b cafebabe" + " ab".repeat(16);

    // RFC 7714 sections 16 and 17: session key and salt given directly, no derivation.
    private static final byte[] RFC7714_KEY = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] RFC7714_SALT = hex("517569642070726f2071756f");
    private static final String RFC7714_RTP = "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065"
            + " 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573";
    private static final String RFC7714_SRTP = "8040f17b 8041f8d3 5501a0b2"
            + " f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b"
            + " 36de3adf 8833 899d7f27 beb16a91 52cf765e e4390cce";
    private static final String RFC7714_RTCP = "81c8000d 4d617273 4e545031 4e545032 52545020"
            + " 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef";
    private static final String RFC7714_SRTCP = "81c8000d 4d617273 63e94885 dcdab67c a727d766"
            + " 2f6b7e99 7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b"
            + " c84aa458 96cf4d2f c5abf872 45d9eade 800005d4";
    private static final String RFC7714_SRTCP_UNENCRYPTED = RFC7714_RTCP
            + " 841dd968 3dd78ec9 2ae58790 125f62b3 000005d4";

    // RFC 3711 B.3 session keys, written out so the cross-checks do not use our derivation.
    private static final byte[] B3_ENCRYPTION_KEY = hex("C61E7A93744F39EE10734AFE3FF7A087");
    private static final byte[] B3_SALT = hex("30CBBC08863D8C85D49DB34A9AE1");
    private static final byte[] B3_AUTH_KEY = hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");

    @Test
    void libsrtpReferencePacketAesCm() {
        SrtpKey key = SrtpKey.parse(base64(CM_KEY), SrtpProfile.AES128_CM_SHA1_80);
        ByteBuf packet = Bytes.buffer(LIBSRTP_RTP, 10);
        new SrtpSender(key).protectRtp(packet);
        String expected = "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb";
        assertEquals(expected, Bytes.hex(packet));

        assertEquals(SrtpVerdict.OK, new SrtpReceiver(key).unprotectRtp(packet));
        assertEquals(hex(hex(LIBSRTP_RTP)), Bytes.hex(packet));
    }

    @Test
    void libsrtpReferencePacketAesCmSrtcp() {
        SrtpKey key = SrtpKey.parse(base64(CM_KEY), SrtpProfile.AES128_CM_SHA1_80);
        SrtpSender sender = new SrtpSender(key);
        // libsrtp numbers its first SRTCP packet 1.
        sender.setNextRtcpIndex(0xcafebabeL, 1);
        ByteBuf packet = Bytes.buffer(LIBSRTP_RTCP, 14);
        sender.protectRtcp(packet);
        assertEquals("81c8000bcafebabe7128035be487b9bdbef89041f977a5a8"
                + "80000001993e08cd54d6c1230798", Bytes.hex(packet));

        assertEquals(SrtpVerdict.OK, new SrtpReceiver(key).unprotectRtcp(packet));
        assertEquals(hex(hex(LIBSRTP_RTCP)), Bytes.hex(packet));
    }

    @Test
    void libsrtpReferencePacketGcmChecksDerivationWithA12ByteSalt() {
        SrtpKey key = new SrtpKey(SrtpProfile.AEAD_AES128_GCM,
                hex("000102030405060708090a0b0c0d0e0f"), hex("a0a1a2a3a4a5a6a7a8a9aaab"));
        ByteBuf packet = Bytes.buffer(LIBSRTP_RTP, 16);
        new SrtpSender(key).protectRtp(packet);
        assertEquals("800f1234decafbadcafebabec5002ede04cfdd2eb91159e0880aa06e"
                + "d2976826f796b201df3131a127e8a392", Bytes.hex(packet));

        assertEquals(SrtpVerdict.OK, new SrtpReceiver(key).unprotectRtp(packet));
        assertEquals(hex(hex(LIBSRTP_RTP)), Bytes.hex(packet));
    }

    @Test
    void rfc7714Section16RtpEncryptionAndDecryption() {
        ByteBuf packet = Bytes.buffer(RFC7714_RTP, 16);
        rfc7714Sender().protectRtp(packet);
        assertEquals(hex(hex(RFC7714_SRTP)), Bytes.hex(packet));

        assertEquals(SrtpVerdict.OK, rfc7714Receiver().unprotectRtp(packet));
        assertEquals(hex(hex(RFC7714_RTP)), Bytes.hex(packet));
    }

    @Test
    void rfc7714Section17SrtcpEncryption() {
        SrtpSender sender = rfc7714Sender();
        sender.setNextRtcpIndex(0x4d617273L, 0x5d4);
        ByteBuf packet = Bytes.buffer(RFC7714_RTCP, 20);
        sender.protectRtcp(packet);
        assertEquals(hex(hex(RFC7714_SRTCP)), Bytes.hex(packet));
    }

    @Test
    void rfc7714Section17SrtcpDecryption() {
        ByteBuf packet = Bytes.buffer(RFC7714_SRTCP, 0);
        assertEquals(SrtpVerdict.OK, rfc7714Receiver().unprotectRtcp(packet));
        assertEquals(hex(hex(RFC7714_RTCP)), Bytes.hex(packet));
    }

    @Test
    void rfc7714Section17UnencryptedSrtcpIsAuthenticatedAndAccepted() {
        ByteBuf packet = Bytes.buffer(RFC7714_SRTCP_UNENCRYPTED, 0);
        assertEquals(SrtpVerdict.OK, rfc7714Receiver().unprotectRtcp(packet));
        assertEquals(hex(hex(RFC7714_RTCP)), Bytes.hex(packet));

        ByteBuf tampered = Bytes.buffer(RFC7714_SRTCP_UNENCRYPTED, 0);
        tampered.setByte(20, tampered.getByte(20) ^ 1);
        assertEquals(SrtpVerdict.AUTH_FAILED, rfc7714Receiver().unprotectRtcp(tampered));
    }

    @Test
    void aesCmPacketAfterRolloverMatchesDirectComputation() throws Exception {
        SrtpKey key = SrtpKey.parse(base64(CM_KEY), SrtpProfile.AES128_CM_SHA1_80);
        SrtpSender sender = new SrtpSender(key);
        sender.protectRtp(Bytes.buffer("80 60 ffff 00000000 12345678 0102", 10));
        byte[] plain = hex("80 60 0000 00000080 12345678 0a0b0c0d0e0f1011 12131415161718");
        ByteBuf packet = Bytes.buffer(plain, 10);
        sender.protectRtp(packet);

        // Index 0x1_0000: rollover counter 1, sequence number 0.
        byte[] expected = aesCmReference(plain, 12, 0x12345678L, 0x1_0000L);
        assertEquals(hex(expected), Bytes.hex(packet));
    }

    @Test
    void aesCmSrtcpMatchesDirectComputation() throws Exception {
        SrtpKey key = SrtpKey.parse(base64(CM_KEY), SrtpProfile.AES128_CM_SHA1_80);
        byte[] rtcpKey = KeyDerivation.derive(key.masterKey(), key.masterSalt(), 3, 16);
        byte[] rtcpSalt = KeyDerivation.derive(key.masterKey(), key.masterSalt(), 5, 14);
        byte[] rtcpAuth = KeyDerivation.derive(key.masterKey(), key.masterSalt(), 4, 20);
        SrtpSender sender = new SrtpSender(key);
        sender.setNextRtcpIndex(0x01020304L, 0x1234567);
        byte[] plain = hex("80c9 0001 01020304 aabbccdd eeff0011 22334455");
        ByteBuf packet = Bytes.buffer(plain, 14);
        sender.protectRtcp(packet);

        byte[] expected = Arrays.copyOf(plain, plain.length + 14);
        byte[] body = ctr(rtcpKey, iv(rtcpSalt, 0x01020304L, 0x1234567),
                Arrays.copyOfRange(plain, 8, plain.length));
        System.arraycopy(body, 0, expected, 8, body.length);
        System.arraycopy(hex("81234567"), 0, expected, plain.length, 4);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(rtcpAuth, "HmacSHA1"));
        mac.update(expected, 0, plain.length + 4);
        System.arraycopy(mac.doFinal(), 0, expected, plain.length + 4, 10);
        assertEquals(hex(expected), Bytes.hex(packet));
    }

    @Test
    void gcmPacketAfterRolloverMatchesDirectComputation() throws Exception {
        SrtpSender sender = rfc7714Sender();
        sender.protectRtp(Bytes.buffer("80 60 ffff 00000000 5501a0b2 0102", 16));
        byte[] plain = hex("90 60 0000 00000080 5501a0b2 bede0001 11223344 0a0b0c0d0e0f");
        ByteBuf packet = Bytes.buffer(plain, 16);
        sender.protectRtp(packet);

        // IV = 00 00 | SSRC | ROC | SEQ XOR salt; AAD = the header with its extension (20 bytes).
        byte[] iv = hex("0000 5501a0b2 00000001 0000");
        for (int i = 0; i < iv.length; i++) {
            iv[i] ^= RFC7714_SALT[i];
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(RFC7714_KEY, "AES"),
                new GCMParameterSpec(128, iv));
        gcm.updateAAD(plain, 0, 20);
        byte[] sealed = gcm.doFinal(plain, 20, plain.length - 20);
        byte[] expected = Arrays.copyOf(plain, 20 + sealed.length);
        System.arraycopy(sealed, 0, expected, 20, sealed.length);
        assertEquals(hex(expected), Bytes.hex(packet));
    }

    @Test
    void unencryptedAesCmSrtcpIsAcceptedWhenAuthentic() throws Exception {
        SrtpKey key = SrtpKey.parse(base64(CM_KEY), SrtpProfile.AES128_CM_SHA1_80);
        byte[] rtcpAuth = KeyDerivation.derive(key.masterKey(), key.masterSalt(), 4, 20);
        byte[] plain = hex("80c9 0001 01020304 aabbccdd eeff0011 22334455");
        byte[] wire = Arrays.copyOf(plain, plain.length + 14);
        System.arraycopy(hex("00000007"), 0, wire, plain.length, 4);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(rtcpAuth, "HmacSHA1"));
        mac.update(wire, 0, plain.length + 4);
        System.arraycopy(mac.doFinal(), 0, wire, plain.length + 4, 10);

        ByteBuf packet = Bytes.buffer(wire, 0);
        assertEquals(SrtpVerdict.OK, new SrtpReceiver(key).unprotectRtcp(packet));
        assertEquals(hex(plain), Bytes.hex(packet));
    }

    /** SRTP per RFC 3711 computed the long way: AES/CTR of the payload, HMAC over packet + ROC. */
    private static byte[] aesCmReference(byte[] plain, int headerLength, long ssrc, long index)
            throws Exception {
        byte[] out = Arrays.copyOf(plain, plain.length + 10);
        byte[] payload = ctr(B3_ENCRYPTION_KEY, iv(B3_SALT, ssrc, index),
                Arrays.copyOfRange(plain, headerLength, plain.length));
        System.arraycopy(payload, 0, out, headerLength, payload.length);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(B3_AUTH_KEY, "HmacSHA1"));
        mac.update(out, 0, plain.length);
        mac.update(BigInteger.valueOf(index >>> 16).add(BigInteger.ONE.shiftLeft(32))
                .toByteArray(), 1, 4);
        System.arraycopy(mac.doFinal(), 0, out, plain.length, 10);
        return out;
    }

    /** IV = salt * 2^16 XOR SSRC * 2^64 XOR index * 2^16, as 16 bytes. */
    private static byte[] iv(byte[] salt, long ssrc, long index) {
        BigInteger iv = new BigInteger(1, salt).shiftLeft(16)
                .xor(BigInteger.valueOf(ssrc).shiftLeft(64))
                .xor(BigInteger.valueOf(index).shiftLeft(16));
        byte[] bytes = iv.add(BigInteger.ONE.shiftLeft(128)).toByteArray();
        return Arrays.copyOfRange(bytes, 1, 17);
    }

    private static byte[] ctr(byte[] key, byte[] iv, byte[] data) throws Exception {
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return ctr.doFinal(data);
    }

    private static SrtpSender rfc7714Sender() {
        SessionKeys keys = new SessionKeys(RFC7714_KEY, RFC7714_SALT, new byte[0]);
        return new SrtpSender(SrtpProfile.AEAD_AES128_GCM, keys, keys);
    }

    private static SrtpReceiver rfc7714Receiver() {
        SessionKeys keys = new SessionKeys(RFC7714_KEY, RFC7714_SALT, new byte[0]);
        return new SrtpReceiver(SrtpProfile.AEAD_AES128_GCM, keys, keys,
                SrtpReceiver.DEFAULT_REPLAY_WINDOW);
    }

    private static String base64(String hex) {
        return java.util.Base64.getEncoder().encodeToString(hex(hex));
    }
}
