package dev.intercom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.problem.ConfigException;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pre-shared key with a fixed SSRC is refused unless the user says the key is fresh (issue 13). */
@Timeout(10)
class KeyReuseConfigTest {

    private final String key = SrtpKey.generate(SrtpProfile.AES128_CM_SHA1_80, new SecureRandom()).toBase64();

    private SessionConfig.Builder peer() {
        return SessionConfig.builder().peer("127.0.0.1:5004").input("silence").output("null");
    }

    @Test
    void aKeyWithAFixedSsrcIsRefusedNamingTheWayOut() {
        ConfigException e = assertThrows(ConfigException.class, () -> peer().key(key).ssrc(42L).build());
        assertTrue(e.getMessage().contains("--ssrc") && e.getMessage().contains("--key-is-fresh"), e.getMessage());
    }

    @Test
    void aFreshKeyMayHaveAFixedSsrc() {
        assertEquals(Optional.of(42L), peer().key(key).ssrc(42L).keyIsFresh(true).build().ssrc());
    }

    @Test
    void aKeyAloneOrAnSsrcAloneIsFine() {
        assertTrue(peer().key(key).build().srtpKey().isPresent());
        assertEquals(Optional.of(42L), peer().ssrc(42L).build().ssrc());
    }

    @Test
    void latchingIsOnUnlessTurnedOff() {
        assertTrue(peer().build().latch());
        assertTrue(!peer().latch(false).build().latch());
    }
}
