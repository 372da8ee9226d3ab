package dev.intercom.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing, generating and printing keys; the secret never shows in text. */
@Timeout(10)
class SrtpKeyTest {

    private static final String CM_KEY = "4fl6DT4Bi+DWT6MsBt5BOQ7Gda1Jiv7rtpYLOqvm";

    @Test
    void parsesThe30ByteAesCmKeyIntoMasterKeyAndSalt() {
        SrtpKey key = SrtpKey.parse(CM_KEY, SrtpProfile.AES128_CM_SHA1_80);
        assertEquals(SrtpProfile.AES128_CM_SHA1_80, key.profile());
        assertEquals("e1f97a0d3e018be0d64fa32c06de4139", Bytes.hex(key.masterKey()));
        assertEquals("0ec675ad498afeebb6960b3aabe6", Bytes.hex(key.masterSalt()));
        assertEquals(CM_KEY, key.toBase64());
    }

    @Test
    void parsesThe28ByteGcmKey() {
        String text = Base64.getEncoder().encodeToString(
                Bytes.hex("000102030405060708090a0b0c0d0e0f a0a1a2a3a4a5a6a7a8a9aaab"));
        SrtpKey key = SrtpKey.parse(text, SrtpProfile.AEAD_AES128_GCM);
        assertEquals("000102030405060708090a0b0c0d0e0f", Bytes.hex(key.masterKey()));
        assertEquals("a0a1a2a3a4a5a6a7a8a9aaab", Bytes.hex(key.masterSalt()));
        assertEquals(text, key.toBase64());
    }

    @Test
    void acceptsAnSdesInlinePrefixAndSurroundingSpace() {
        SrtpKey key = SrtpKey.parse("  inline:" + CM_KEY + "\n", SrtpProfile.AES128_CM_SHA1_80);
        assertEquals(CM_KEY, key.toBase64());
    }

    @Test
    void wrongLengthSaysWhatWasExpectedInOneLine() {
        String twelveBytes = Base64.getEncoder().encodeToString(new byte[12]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SrtpKey.parse(twelveBytes, SrtpProfile.AES128_CM_SHA1_80));
        assertEquals("--key: expected base64 of 30 bytes (16-byte master key + 14-byte salt)"
                + " for aes128-cm-sha1-80, got 12 bytes", e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> SrtpKey.parse(CM_KEY, SrtpProfile.AEAD_AES128_GCM));
        assertEquals("--key: expected base64 of 28 bytes (16-byte master key + 12-byte salt)"
                + " for aes128-gcm, got 30 bytes", e.getMessage());
    }

    @Test
    void emptyOrMissingKeyIsAWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SrtpKey.parse(null, SrtpProfile.AES128_CM_SHA1_80));
        assertTrue(e.getMessage().endsWith("got 0 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SrtpKey.parse("   ", SrtpProfile.AES128_CM_SHA1_80));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "4fl6DT4Bi+DWT6MsBt5BOQ7Gda1Jiv7rtpYLOqv-",   // URL-safe alphabet
        "4fl6DT4Bi+DWT6MsBt5B OQ7Gda1Jiv7rtpYLOqvm",  // space inside
        "4fl6DT4Bi+DWT6MsBt5BOQ7Gda1Jiv7rtpYLOqvm===", // too much padding
        "!!not-a-key!!"})
    void invalidBase64IsOneLineThatNeverRepeatsTheInput(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SrtpKey.parse(text, SrtpProfile.AES128_CM_SHA1_80));
        assertTrue(e.getMessage().startsWith("--key: not valid base64"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertSecretAbsent(e.getMessage(), text);
    }

    @Test
    void sdesLifetimeAndMkiParametersAreRefusedWithoutEchoingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SrtpKey.parse("inline:" + CM_KEY + "|2^20|1:32",
                        SrtpProfile.AES128_CM_SHA1_80));
        assertTrue(e.getMessage().startsWith("--key: lifetime and MKI"), e.getMessage());
        assertSecretAbsent(e.getMessage(), CM_KEY);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void generatedKeysHaveTheProfilesLengthsAndRoundTripThroughBase64(SrtpProfile profile) {
        SecureRandom random = new SecureRandom();
        SrtpKey key = SrtpKey.generate(profile, random);
        assertEquals(profile.masterKeyLength(), key.masterKey().length);
        assertEquals(profile.masterSaltLength(), key.masterSalt().length);
        assertEquals(key, SrtpKey.parse(key.toBase64(), profile));
        assertNotEquals(key, SrtpKey.generate(profile, random));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void toStringShowsOnlyTheProfileAndLength(SrtpProfile profile) {
        SrtpKey key = SrtpKey.generate(profile, new SecureRandom());
        String text = key.toString();
        assertEquals("SrtpKey[" + profile.label() + ", " + profile.keyLength()
                + " bytes, secret]", text);
        assertSecretAbsent(text, key.toBase64());
        assertSecretAbsent(text, Bytes.hex(key.masterKey()));
        assertSecretAbsent(new SrtpSender(key).toString(), key.toBase64());
        assertSecretAbsent(new SrtpReceiver(key).toString(), key.toBase64());
    }

    @Test
    void accessorsReturnCopiesSoAKeyCannotBeChangedFromOutside() {
        byte[] master = new byte[16];
        SrtpKey key = new SrtpKey(SrtpProfile.AES128_CM_SHA1_80, master, new byte[14]);
        master[0] = 1;
        key.masterKey()[1] = 1;
        assertArrayEquals(new byte[16], key.masterKey());
    }

    @Test
    void constructorRejectsLengthsThatDoNotMatchTheProfile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SrtpKey(SrtpProfile.AEAD_AES128_GCM, new byte[16], new byte[14]));
        assertEquals("SRTP aes128-gcm needs a 16-byte master key and a 12-byte salt, got 16 and"
                + " 14 bytes", e.getMessage());
    }

    @Test
    void profilesParseFromTheirLabels() {
        assertEquals(SrtpProfile.AES128_CM_SHA1_80, SrtpProfile.fromLabel("aes128-cm-sha1-80"));
        assertEquals(SrtpProfile.AEAD_AES128_GCM, SrtpProfile.fromLabel(" AES128-GCM "));
        assertEquals(SrtpProfile.AES128_CM_SHA1_80, SrtpProfile.DEFAULT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SrtpProfile.fromLabel("aes256-gcm"));
        assertEquals("unknown SRTP profile 'aes256-gcm': use aes128-cm-sha1-80 (default) or"
                + " aes128-gcm", e.getMessage());
        assertEquals(30, SrtpProfile.AES128_CM_SHA1_80.keyLength());
        assertEquals(28, SrtpProfile.AEAD_AES128_GCM.keyLength());
        assertEquals(10, SrtpProfile.AES128_CM_SHA1_80.rtpOverhead());
        assertEquals(14, SrtpProfile.AES128_CM_SHA1_80.rtcpOverhead());
        assertEquals(16, SrtpProfile.AEAD_AES128_GCM.rtpOverhead());
        assertEquals(20, SrtpProfile.AEAD_AES128_GCM.rtcpOverhead());
    }

    /** Checks neither the secret text nor any 8-character piece of it appears. */
    private static void assertSecretAbsent(String text, String secret) {
        String haystack = text.toLowerCase(Locale.ROOT);
        String needle = secret.toLowerCase(Locale.ROOT);
        for (int i = 0; i + 8 <= needle.length(); i++) {
            assertFalse(haystack.contains(needle.substring(i, i + 8)),
                    "'" + text + "' reveals part of the key");
        }
        assertFalse(haystack.contains(HexFormat.of().formatHex(secret.getBytes())));
    }
}
