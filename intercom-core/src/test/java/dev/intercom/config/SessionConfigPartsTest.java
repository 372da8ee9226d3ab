package dev.intercom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.codec.L16PayloadCodec;
import dev.intercom.codec.OpusPayloadCodec;
import dev.intercom.problem.ConfigException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The records SessionConfig is made of: each part holds its own flags, and the codec is asked, not named. */
class SessionConfigPartsTest {

    private static final String FINGERPRINT = "sha-256:" + IntStream.range(0, 32).mapToObj(i -> "AB")
            .collect(Collectors.joining(":"));

    @Test
    void thePartsHoldWhatTheirFlagsSay() {
        SessionConfig config = SessionConfig.builder().peer(List.of("127.0.0.1:5006", "127.0.0.1:5008"))
                .listen("5004").codec("opus").bitrateKbps(32).fec(true).jitter("auto").durationSeconds(3.0)
                .input("tone:440").build();
        assertEquals(Codec.OPUS, config.codec().codec());
        assertEquals(480, config.audio().format().blockFrames(), "Opus's default block");
        assertEquals(32, config.codec().bitrateKbps());
        assertEquals(2, config.network().peers().size());
        assertTrue(config.playout().adaptive());
        assertEquals(3.0, config.run().duration().orElseThrow().toMillis() / 1000.0);
        assertTrue(config.codec().newPayloadCodec(config.format()) instanceof OpusPayloadCodec);
        assertEquals("Opus 32 kbit/s with in-band FEC", config.codec().describe());
    }

    @Test
    void l16IsFramedAndOpusDecodesInStreamOrder() {
        assertTrue(Codec.L16.framed());
        assertFalse(Codec.L16.decodesInStreamOrder());
        assertFalse(Codec.OPUS.framed());
        assertTrue(Codec.OPUS.decodesInStreamOrder());
        SessionConfig l16 = SessionConfig.builder().peer("127.0.0.1:5006").build();
        assertEquals(128, l16.format().blockFrames());
        assertTrue(l16.codec().newPayloadCodec(l16.format()) instanceof L16PayloadCodec);
        assertEquals(12 + 128 * 2, l16.datagramBytes());
        assertEquals("L16", l16.codec().describe());
    }

    @Test
    void anUnknownCodecIsRefusedNamingTheFlag() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SessionConfig.builder().codec("pcmu").build());
        assertEquals("--codec: must be l16 or opus (got pcmu)", e.getMessage());
    }

    @Test
    void aDtlsPartyLinePinsOneFingerprintPerPeer() {
        ConfigException e = assertThrows(ConfigException.class, () -> SessionConfig.builder()
                .peer(List.of("127.0.0.1:5006", "127.0.0.1:5008")).dtls(true).peerFingerprint(FINGERPRINT).build());
        assertEquals("--peer-fingerprint: with --dtls each --peer needs its own, in the same order (got 1 for 2"
                + " peers)", e.getMessage());
        SessionConfig two = SessionConfig.builder().peer(List.of("127.0.0.1:5006", "127.0.0.1:5008")).dtls(true)
                .peerFingerprints(List.of(FINGERPRINT, FINGERPRINT.replace("AB", "CD"))).build();
        assertEquals(2, two.peerFingerprints().size());
        assertEquals(two.peerFingerprints().get(0), two.peerFingerprint().orElseThrow());
    }
}
