package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.SilenceInput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.audio.file.WavFileOutput;
import dev.intercom.audio.file.WavFiles;
import dev.intercom.config.SessionConfig;
import dev.intercom.dtls.DtlsException;
import dev.intercom.dtls.DtlsIdentity;
import dev.intercom.dtls.DtlsRole;
import dev.intercom.srtp.SrtpProfile;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.FreePorts;
import dev.intercom.testing.Signals;
import dev.intercom.time.NanoClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two peers with {@code --dtls} on loopback: a real DTLS handshake on the media port, then the
 * tone arrives under the exported SRTP keys; a pinned fingerprint that is not the peer's stops
 * both sides before any audio, each with one line.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtlsPeersTest {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 128);
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private DtlsIdentity alice;
    private DtlsIdentity bob;
    private Path aliceFile;
    private Path bobFile;

    @BeforeEach
    void identities() throws Exception {
        alice = DtlsIdentity.generate(RANDOM);
        bob = DtlsIdentity.generate(RANDOM);
        aliceFile = dir.resolve("alice.pem");
        bobFile = dir.resolve("bob.pem");
        alice.save(aliceFile);
        bob.save(bobFile);
    }

    private SessionConfig.Builder peer(int listen, int peer, Path identity, String pins, SrtpProfile profile) {
        return SessionConfig.builder().listen("127.0.0.1:" + listen).peer("127.0.0.1:" + peer).dtls(true)
                .identity(identity).peerFingerprint(pins).crypto(profile.label()).statsIntervalSeconds(0);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theToneArrivesUnderKeysTheHandshakeMade(SrtpProfile profile) throws Exception {
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        Path heard = dir.resolve("b.wav");
        SessionConfig configA = peer(portA, portB, aliceFile, bob.fingerprint().toString(), profile)
                .input("tone:1000").output("null").build();
        SessionConfig configB = peer(portB, portA, bobFile, alice.fingerprint().toString(), profile)
                .input("silence").output("file:" + heard).build();
        CompletableFuture<Session> b = CompletableFuture.supplyAsync(() -> Session.startPeer(configB,
                new SilenceInput(FORMAT, NanoClock.SYSTEM), new WavFileOutput(heard, FORMAT, NanoClock.SYSTEM),
                NanoClock.SYSTEM));
        Session a = Session.startPeer(configA, new ToneInput(FORMAT, 1000, NanoClock.SYSTEM),
                new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
        Session sessionB = b.get(40, TimeUnit.SECONDS);
        SessionSummary atB;
        try {
            a.awaitEnd(Optional.of(Duration.ofMillis(2_500)));
        } finally {
            a.stop();
            atB = sessionB.stop();
        }
        assertTrue(atB.totals().receivedPackets > 600, atB.toText());
        // Packets that beat our half of the handshake by a few milliseconds cannot be checked yet.
        assertTrue(atB.totals().authFailures < 50, atB.toText());
        short[] played = WavFiles.readSamples(heard);
        int start = Signals.firstAbove(played, 1000);
        assertTrue(start >= 0 && Signals.rms(played, start, played.length - 128) > 5000, "the tone was decrypted and played");
        assertTrue(atB.totals().rttMs >= 0, "SRTCP under the DTLS keys made a round trip: " + atB.toText());
    }

    @Test
    void aWrongPinnedFingerprintStopsBothSidesWithOneLineEach() throws Exception {
        // Mallory is on the same side of Bob's fingerprint as Alice, so both peers still take
        // opposite roles and the handshake reaches the certificates (DtlsHandshakeTest covers
        // the other case).
        DtlsRole aliceRole = DtlsRole.between(alice.fingerprint(), bob.fingerprint());
        DtlsIdentity mallory;
        do {
            mallory = DtlsIdentity.generate(RANDOM);
        } while (DtlsRole.between(bob.fingerprint(), mallory.fingerprint()) == aliceRole);
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        SessionConfig configA = peer(portA, portB, aliceFile, bob.fingerprint().toString(), SrtpProfile.AES128_CM_SHA1_80)
                .input("silence").output("null").build();
        SessionConfig configB = peer(portB, portA, bobFile, mallory.fingerprint().toString(),
                SrtpProfile.AES128_CM_SHA1_80).input("silence").output("null").build();
        CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> failure(configB));
        String atA = failure(configA);
        String atB = b.get(40, TimeUnit.SECONDS);
        assertTrue(atB.contains("not the " + mallory.fingerprint()), atB);
        assertTrue(atA.contains("the peer refused our certificate"), atA);
        assertEquals(1, atA.lines().count());
        assertEquals(1, atB.lines().count());
    }

    @ParameterizedTest(name = "restart the {0}")
    @EnumSource(DtlsRole.class)
    void aPeerThatRestartsIsHeardAgainUnderNewKeys(DtlsRole restarted) throws Exception {
        boolean aliceRestarts = DtlsRole.between(alice.fingerprint(), bob.fingerprint()) == restarted;
        Path fileA = aliceRestarts ? aliceFile : bobFile;
        Path fileB = aliceRestarts ? bobFile : aliceFile;
        String pinsA = (aliceRestarts ? bob : alice).fingerprint().toString();
        String pinsB = (aliceRestarts ? alice : bob).fingerprint().toString();
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        SessionConfig configA = peer(portA, portB, fileA, pinsA, SrtpProfile.AES128_CM_SHA1_80)
                .input("tone:1000").output("null").build();
        SessionConfig configB = peer(portB, portA, fileB, pinsB, SrtpProfile.AES128_CM_SHA1_80)
                .input("silence").output("null").build();
        CompletableFuture<Session> b = CompletableFuture.supplyAsync(() -> Session.startPeer(configB,
                new SilenceInput(FORMAT, NanoClock.SYSTEM), new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM));
        Session first = startTone(configA);
        Session sessionB = b.get(40, TimeUnit.SECONDS);
        try {
            Thread.sleep(1000);
            first.stop(); // says BYE and close_notify, as Ctrl-C does
            Thread.sleep(300);
            long bytesBefore = sessionB.counters().receivedBytes();
            long failuresBefore = sessionB.counters().authFailures();
            Session second = startTone(configA); // same identity and port, new handshake, new keys
            Thread.sleep(2000);
            second.stop();
            long heard = sessionB.counters().receivedBytes() - bytesBefore;
            long failed = sessionB.counters().authFailures() - failuresBefore;
            // 2 s of 2.67 ms blocks is 750 packets of about 270 bytes.
            assertTrue(heard > 400 * 256, "the restarted peer was heard: " + heard + " bytes, " + failed + " failures");
            assertTrue(failed < 100, "packets under keys the other side did not have yet: " + failed);
        } finally {
            sessionB.stop();
        }
    }

    private static Session startTone(SessionConfig config) {
        return Session.startPeer(config, new ToneInput(FORMAT, 1000, NanoClock.SYSTEM), new NullOutput(FORMAT, NanoClock.SYSTEM),
                NanoClock.SYSTEM);
    }

    private static String failure(SessionConfig config) {
        try {
            Session s = Session.startPeer(config, new SilenceInput(FORMAT, NanoClock.SYSTEM),
                    new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
            s.stop();
            return "started";
        } catch (DtlsException e) {
            return e.getMessage();
        }
    }
}
