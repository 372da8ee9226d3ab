package dev.intercom.srtp;

import static dev.intercom.srtp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 3711 Appendix B.3: session keys derived from a master key and salt, exact bytes. */
@Timeout(10)
class KeyDerivationTest {

    private static final byte[] MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void sessionEncryptionKeyMatchesAppendixB3() {
        assertEquals("c61e7a93744f39ee10734afe3ff7a087",
                hex(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0, 16)));
    }

    @Test
    void sessionSaltMatchesAppendixB3() {
        assertEquals("30cbbc08863d8c85d49db34a9ae1",
                hex(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, 2, 14)));
    }

    @Test
    void sessionAuthenticationKeyMatchesAppendixB3() {
        // B.3 lists 94 bytes of PRF output for label 1; HMAC-SHA1 uses the first 20.
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa48f0a0acf3c34e2359e6cdbce"
                        + "e049646c43d9327ad175578ef72270986371c10c9a369ac2f94a8c5fbcdddc25"
                        + "6d6e919a48b610ef17c2041e474035766b68642c59bbfc2f34db60dbdfb2",
                hex(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, 1, 94)));
    }

    @Test
    void rtpSessionKeysOfAnSrtpKeyUseLabelsZeroToTwo() {
        SrtpKey key = new SrtpKey(SrtpProfile.AES128_CM_SHA1_80, MASTER_KEY, MASTER_SALT);
        SessionKeys rtp = SessionKeys.forRtp(key);
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", hex(rtp.encryptionKey()));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", hex(rtp.salt()));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4", hex(rtp.authKey()));
    }

    @Test
    void rtcpSessionKeysUseLabelsThreeToFive() {
        SrtpKey key = new SrtpKey(SrtpProfile.AES128_CM_SHA1_80, MASTER_KEY, MASTER_SALT);
        SessionKeys rtcp = SessionKeys.forRtcp(key);
        assertEquals(hex(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, 3, 16)),
                hex(rtcp.encryptionKey()));
        assertEquals(hex(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, 4, 20)),
                hex(rtcp.authKey()));
        assertEquals(hex(KeyDerivation.derive(MASTER_KEY, MASTER_SALT, 5, 14)), hex(rtcp.salt()));
    }

    @Test
    void gcmKeysHaveA12ByteSaltAndNoAuthenticationKey() {
        SrtpKey key = new SrtpKey(SrtpProfile.AEAD_AES128_GCM,
                hex("000102030405060708090a0b0c0d0e0f"), hex("a0a1a2a3a4a5a6a7a8a9aaab"));
        SessionKeys rtp = SessionKeys.forRtp(key);
        assertEquals(16, rtp.encryptionKey().length);
        assertEquals(12, rtp.salt().length);
        assertEquals(0, rtp.authKey().length);
        // A 12-byte salt is the 14-byte PRF input with two zero bytes on the right.
        assertEquals(hex(KeyDerivation.derive(key.masterKey(),
                        hex("a0a1a2a3a4a5a6a7a8a9aaab0000"), 2, 12)), hex(rtp.salt()));
    }

    @Test
    void sessionKeysNeverPrintTheirBytes() {
        SrtpKey key = new SrtpKey(SrtpProfile.AES128_CM_SHA1_80, MASTER_KEY, MASTER_SALT);
        String text = SessionKeys.forRtp(key).toString();
        assertEquals("SessionKeys[secret]", text);
    }
}
