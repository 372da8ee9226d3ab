package dev.intercom.srtp;

import static dev.intercom.srtp.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 3711 Appendix B.2 AES-CM keystream, and agreement with the JCE's own CTR mode. */
@Timeout(20)
class AesCounterModeTest {

    private static final byte[] SESSION_KEY = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    // Session salt F0F1..FCFD shifted left 16 bits; SSRC and index are 0, so this is the IV.
    private static final byte[] IV = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

    @Test
    void keystreamMatchesAppendixB2() {
        int blocks = 0xFF02;
        byte[] keystream = new byte[blocks * 16];
        new AesCounterMode(SESSION_KEY).apply(IV, keystream, 0, keystream.length);

        assertEquals("e03ead0935c95e80e166b16dd92b4eb4", block(keystream, 0x0000));
        assertEquals("d23513162b02d0f72a43a2fe4a5f97ab", block(keystream, 0x0001));
        assertEquals("41e95b3bb0a2e8dd477901e4fca894c0", block(keystream, 0x0002));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4", block(keystream, 0xFEFF));
        assertEquals("362b7c3c6773516318a077d7fc5073ae", block(keystream, 0xFF00));
        assertEquals("6a2cc3787889374fbeb4c81b17ba6c44", block(keystream, 0xFF01));
    }

    @Test
    void ivIsNotModified() {
        byte[] iv = IV.clone();
        new AesCounterMode(SESSION_KEY).apply(iv, new byte[100], 0, 100);
        assertArrayEquals(IV, iv);
    }

    @Test
    void agreesWithJceCounterModeForAnyLengthOffsetAndCarry() throws Exception {
        Random random = new Random(3711);
        AesCounterMode aes = new AesCounterMode(SESSION_KEY);
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        for (int trial = 0; trial < 200; trial++) {
            byte[] iv = new byte[16];
            random.nextBytes(iv);
            if (trial % 4 == 0) {
                // Force a carry out of the low bytes partway through.
                Arrays.fill(iv, 12, 16, (byte) 0xFF);
            }
            int length = random.nextInt(2000);
            int offset = random.nextInt(7);
            byte[] data = new byte[offset + length + 3];
            random.nextBytes(data);
            byte[] expected = data.clone();
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(SESSION_KEY, "AES"),
                    new IvParameterSpec(iv));
            byte[] jce = ctr.doFinal(data, offset, length);
            System.arraycopy(jce, 0, expected, offset, length);

            aes.apply(iv, data, offset, length);
            assertArrayEquals(expected, data, "trial " + trial + ", " + length + " bytes");
        }
    }

    private static String block(byte[] keystream, int index) {
        return hex(Arrays.copyOfRange(keystream, index * 16, index * 16 + 16));
    }
}
