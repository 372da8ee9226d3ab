package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.audio.file.WavFileOutput;
import dev.intercom.audio.file.WavFiles;
import dev.intercom.config.SessionConfig;
import dev.intercom.impair.ImpairmentConfig;
import dev.intercom.impair.RelayConfig;
import dev.intercom.impair.UdpRelay;
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
        short[] played = WavFiles.readSamples(heard);
        int start = Signals.firstAbove(played, 2000) + 4800;
        double hz = Signals.frequency(played, start, played.length - 480, 48_000);
        assertEquals(440, hz, 5, "the tone's pitch survives the codec");
    }

    @Test
    void withFecALostPacketIsRecoveredFromTheNextOne() throws Exception {
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        ImpairmentConfig impairment = ImpairmentConfig.builder().lossPercent(5).burst(1).seed(3L).build();
        RelayConfig relayConfig = RelayConfig.builder().listen("127.0.0.1:0").forward("127.0.0.1:" + portB)
                .statsIntervalSeconds(0).impairment(impairment).build();
        SessionSummary atB;
        try (UdpRelay relay = UdpRelay.start(relayConfig, line -> { })) {
            String relayAddress = "127.0.0.1:" + relay.localAddress().getPort();
            SessionConfig configB = SessionConfig.builder().listen("127.0.0.1:" + portB).peer(relayAddress)
                    .codec("opus").fec(true).blockFrames(480).input("silence").output("null").statsIntervalSeconds(0)
                    .build();
            SessionConfig configA = SessionConfig.builder().listen("127.0.0.1:" + portA).peer(relayAddress)
                    .codec("opus").fec(true).blockFrames(480).input("tone:300").output("null").statsIntervalSeconds(0)
                    .build();
            Session b = Session.startPeer(configB, new ToneInput(FORMAT, 200, NanoClock.SYSTEM),
                    new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
            try {
                Session a = Session.startPeer(configA, new ToneInput(FORMAT, 300, NanoClock.SYSTEM),
                        new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
                try {
                    a.awaitEnd(Optional.of(Duration.ofSeconds(6)));
                } finally {
                    a.stop();
                }
            } finally {
                atB = b.stop();
            }
        }
        assertTrue(atB.totals().lostPackets > 10, atB.toText());
        assertTrue(atB.recovered() >= atB.totals().lostPackets / 2,
                "isolated losses come back from the next packet's FEC: " + atB.toText());
    }
}
