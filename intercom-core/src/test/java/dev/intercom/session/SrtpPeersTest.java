package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.SilenceInput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.audio.file.WavFileOutput;
import dev.intercom.audio.file.WavFiles;
import dev.intercom.config.SessionConfig;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.FreePorts;
import dev.intercom.testing.Signals;
import dev.intercom.time.NanoClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two peers with SRTP and SRTCP on loopback: the audio and the reports get through, a wrong key gets nothing. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SrtpPeersTest {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 128);

    @TempDir
    Path dir;

    private record Pair(SessionSummary atB, short[] heardByB) { }

    private Pair talk(String keyA, String keyB, SrtpProfile profile) throws Exception {
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        Path heard = dir.resolve("b.wav");
        SessionConfig configB = SessionConfig.builder().listen("127.0.0.1:" + portB).peer("127.0.0.1:" + portA)
                .crypto(profile.label()).key(keyB).input("silence").output("file:" + heard).statsIntervalSeconds(0)
                .build();
        SessionConfig configA = SessionConfig.builder().listen("127.0.0.1:" + portA).peer("127.0.0.1:" + portB)
                .crypto(profile.label()).key(keyA).input("tone:1000").output("null").statsIntervalSeconds(0).build();
        Session b = Session.startPeer(configB, new SilenceInput(FORMAT, NanoClock.SYSTEM),
                new WavFileOutput(heard, FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
        SessionSummary atB;
        try {
            Session a = Session.startPeer(configA, new ToneInput(FORMAT, 1000, NanoClock.SYSTEM),
                    AudioEndpoints.openOutput(configA, NanoClock.SYSTEM), NanoClock.SYSTEM);
            try {
                a.awaitEnd(Optional.of(Duration.ofMillis(2_500)));
            } finally {
                a.stop();
            }
        } finally {
            atB = b.stop();
        }
        return new Pair(atB, WavFiles.readSamples(heard));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theSameKeyCarriesAudioAndReports(SrtpProfile profile) throws Exception {
        String key = SrtpKey.generate(profile, new SecureRandom()).toBase64();
        Pair p = talk(key, key, profile);
        assertEquals(0, p.atB().totals().authFailures, p.atB().toText());
        assertTrue(p.atB().totals().receivedPackets > 700, p.atB().toText());
        int start = Signals.firstAbove(p.heardByB(), 1000);
        assertTrue(start >= 0 && Signals.rms(p.heardByB(), start, p.heardByB().length - 128) > 5000,
                "the tone was decrypted and played");
        assertTrue(p.atB().totals().rttMs >= 0, "SRTCP reports made a round trip: " + p.atB().toText());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aWrongKeyIsCountedAndNothingIsPlayed(SrtpProfile profile) throws Exception {
        String keyA = SrtpKey.generate(profile, new SecureRandom()).toBase64();
        String keyB = SrtpKey.generate(profile, new SecureRandom()).toBase64();
        Pair p = talk(keyA, keyB, profile);
        assertEquals(0, p.atB().totals().receivedPackets, p.atB().toText());
        assertTrue(p.atB().totals().authFailures > 700, p.atB().toText());
        assertEquals(-1, Signals.firstAbove(p.heardByB(), 1), "only silence was played");
    }
}
