package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.RecordingOutput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.config.SessionConfig;
import dev.intercom.dtls.DtlsIdentity;
import dev.intercom.srtp.SrtpProfile;
import dev.intercom.stats.SessionSummary;
import dev.intercom.stats.StatsRow;
import dev.intercom.testing.FreePorts;
import dev.intercom.time.NanoClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A party line with {@code --dtls}: three peers on loopback, each with an identity of its own and
 * each other's fingerprints pinned in the order of its {@code --peer}s, shake hands pairwise on
 * the one media port; each then hears the other two tones under keys of their own, and not its own.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DtlsPartyLineTest {

    private static final NanoClock CLOCK = NanoClock.SYSTEM;
    private static final int RATE = 48_000;
    private static final StreamFormat FORMAT = new StreamFormat(RATE, 1, 480);
    /** Each peer's tone on an FFT bin of its own: 468.75, 750 and 1125 Hz. */
    private static final int[] BINS = {80, 128, 192};
    private static final double SENT_DBFS = 20 * Math.log10(ToneInput.AMPLITUDE / 32_768.0);
    private static final int RECORDED_FRAMES = RATE * 20;

    @TempDir
    Path dir;

    @Test
    void threePeersEachHearTheOtherTwoUnderTheirOwnKeys() throws Exception {
        SecureRandom random = new SecureRandom();
        int n = BINS.length;
        int[] ports = new int[n];
        DtlsIdentity[] identities = new DtlsIdentity[n];
        Path[] files = new Path[n];
        for (int i = 0; i < n; i++) {
            ports[i] = FreePorts.udp();
            identities[i] = DtlsIdentity.generate(random);
            files[i] = dir.resolve("peer" + i + ".pem");
            identities[i].save(files[i]);
        }
        RecordingOutput[] heard = new RecordingOutput[n];
        List<CompletableFuture<Session>> starting = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> others = new ArrayList<>();
            List<String> pins = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others.add("127.0.0.1:" + ports[j]);
                    pins.add(identities[j].fingerprint().toString());
                }
            }
            double hz = ToneLevels.binHz(BINS[i], RATE);
            SessionConfig config = SessionConfig.builder().listen("127.0.0.1:" + ports[i]).peer(others)
                    .dtls(true).identity(files[i]).peerFingerprints(pins).crypto(SrtpProfile.AES128_CM_SHA1_80.label())
                    .blockFrames(FORMAT.blockFrames()).input("tone:" + hz).output("null").statsIntervalSeconds(0)
                    .build();
            RecordingOutput output = new RecordingOutput(FORMAT, CLOCK, RECORDED_FRAMES);
            heard[i] = output;
            // Each start blocks in its handshakes, which need the others running: all at once.
            starting.add(CompletableFuture.supplyAsync(() -> Session.startPeer(config,
                    new ToneInput(FORMAT, hz, CLOCK), output, CLOCK)));
        }
        List<Session> sessions = new ArrayList<>();
        SessionSummary[] summaries = new SessionSummary[n];
        try {
            for (CompletableFuture<Session> s : starting) {
                sessions.add(s.get(60, TimeUnit.SECONDS));
            }
            Thread.sleep(4_000);
        } finally {
            for (int i = 0; i < sessions.size(); i++) {
                summaries[i] = sessions.get(i).stop();
            }
        }
        for (int i = 0; i < n; i++) {
            short[] played = heard[i].recording();
            assertTrue(played.length > 3 * RATE, "peer " + i + " played " + played.length + " frames: "
                    + summaries[i].toText());
            // The last two seconds: long after every handshake and start-up.
            int from = played.length - 2 * RATE;
            for (int j = 0; j < n; j++) {
                double level = ToneLevels.medianDbfs(played, from, played.length, BINS[j]);
                if (i == j) {
                    assertTrue(level < SENT_DBFS - 40, "peer " + i + " does not hear itself: " + level + " dBFS");
                } else {
                    assertEquals(SENT_DBFS, level, 2, "peer " + i + " hears peer " + j + " at its sent level");
                }
            }
            assertEquals(n - 1, summaries[i].peers().size());
            for (StatsRow peer : summaries[i].peers()) {
                assertTrue(peer.receivedPackets > 200, summaries[i].toText());
                // Packets that beat our half of a handshake by a few milliseconds cannot be checked yet.
                assertTrue(peer.authFailures < 50, summaries[i].toText());
            }
        }
    }
}
