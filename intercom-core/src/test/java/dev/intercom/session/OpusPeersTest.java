package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.audio.file.WavFileOutput;
import dev.intercom.audio.file.WavFiles;
import dev.intercom.config.SessionConfig;
import dev.intercom.impair.ImpairmentConfig;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.FreePorts;
import dev.intercom.testing.Signals;
import dev.intercom.time.NanoClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Opus sessions: the tone survives the codec, and with --fec lost packets are recovered from the next one. */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class OpusPeersTest {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 480);

    @TempDir
    Path dir;

    @Test
    void aPeerOnOpusHearsItsToneAtAFractionOfTheBitRate() throws Exception {
        int port = FreePorts.udp();
        Path heard = dir.resolve("opus.wav");
        SessionConfig config = SessionConfig.builder().listen("127.0.0.1:" + port).peer("127.0.0.1:" + port)
                .codec("opus").blockFrames(480).input("tone:440").output("file:" + heard).statsIntervalSeconds(0).build();
        Session self = Session.startPeer(config, new ToneInput(FORMAT, 440, NanoClock.SYSTEM),
                new WavFileOutput(heard, FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
        self.awaitEnd(Optional.of(Duration.ofSeconds(3)));
        SessionSummary summary = self.stop();
        assertEquals(0, summary.totals().malformedPackets, summary.toText());
        assertTrue(summary.totals().sendKbps < 120, "Opus on the wire, not 768 kbit/s of L16: " + summary.totals().sendKbps);
        assertEquals(summary.totals().captureLatencyMs + 10 + 2.5 + summary.totals().targetMs
                + summary.totals().playbackLatencyMs, summary.totals().idealLatencyMs, 1e-6,
                "the devices, the block, Opus's 2.5 ms look-ahead and the target");
        short[] played = WavFiles.readSamples(heard);
        int start = Signals.firstAbove(played, 2000) + 4800;
        double hz = Signals.frequency(played, start, played.length - 480, 48_000);
        assertEquals(440, hz, 5, "the tone's pitch survives the codec");
    }

    @Test
    void packetsTheNetworkReordersArePlayedInTheirPlaceWithoutGlitches() throws Exception {
        Path heard = dir.resolve("reordered.wav");
        SessionSummary atB = toneThroughRelay(ImpairmentConfig.builder().reorderPercent(10).seed(11L).build(), false,
                SessionConfig.builder().jitterMs(30.0).output("file:" + heard),
                new WavFileOutput(heard, FORMAT, NanoClock.SYSTEM), 4);
        assertTrue(atB.totals().reorderedPackets > 15, "the relay reordered: " + atB.toText());
        assertEquals(0, atB.totals().latePackets, "a 30 ms buffer has room for every overtaken packet: " + atB.toText());
        short[] played = WavFiles.readSamples(heard);
        int start = Signals.firstAbove(played, 2000) + 4800;
        // To 100 ms before the tone's end: the sender's BYE ends the stream there, faded out.
        int end = Signals.lastAbove(played, 2000) - 4800;
        int glitches = 0;
        for (int from = start; from + 480 <= end; from += 480) {
            if (Signals.sineResidualDb(played, from, from + 480, 440, 48_000) > -25) {
                glitches++;
            }
        }
        assertTrue(glitches <= atB.totals().concealedBlocks,
                glitches + " blocks of the tone are distorted, with " + atB.totals().concealedBlocks
                        + " concealed: every overtaken packet must be decoded in its place. " + atB.toText());
    }

    @Test
    void withFecALostPacketIsRecoveredFromTheNextOne() throws Exception {
        SessionSummary atB = toneThroughRelay(ImpairmentConfig.builder().lossPercent(5).burst(1).seed(3L).build(), true,
                SessionConfig.builder().output("null"), new NullOutput(FORMAT, NanoClock.SYSTEM), 6);
        assertTrue(atB.totals().lostPackets > 10, atB.toText());
        assertTrue(atB.recovered() >= atB.totals().lostPackets / 2,
                "isolated losses come back from the next packet's FEC: " + atB.toText());
    }

    /**
     * A talks Opus with 10 ms blocks for {@code seconds} through the relay to B, configured by
     * {@code receiver} and playing into {@code output}; both with or without FEC.
     *
     * @return B's summary
     */
    private static SessionSummary toneThroughRelay(ImpairmentConfig impairment, boolean fec,
            SessionConfig.Builder receiver, AudioOutput output, int seconds) throws Exception {
        SessionConfig.Builder sender = SessionConfig.builder().codec("opus").fec(fec).blockFrames(480);
        receiver.codec("opus").fec(fec).blockFrames(480);
        return RelayedPeers.run(impairment, FORMAT, sender, receiver, output, Duration.ofSeconds(seconds)).atB();
    }
}
