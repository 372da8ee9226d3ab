package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.config.SessionConfig;
import dev.intercom.impair.ImpairmentConfig;
import dev.intercom.impair.RelayConfig;
import dev.intercom.impair.UdpRelay;
import dev.intercom.session.Session;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.FreePorts;
import dev.intercom.time.NanoClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark reads our stream as standard RTP and RTCP: a capture on loopback of two peers
 * talking through the impairment relay decodes with no malformed packet, and tshark's stream
 * analysis counts the same loss our receiver does (and its timestamps give the same jitter).
 */
@Tag("interop")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TsharkInteropTest {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 128);
    private static final long SSRC_A = 0xA11CEL;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTshark() {
        assumeTrue(ExternalProcess.available("tshark"), "tshark is not installed");
    }

    /** @return what {@code tshark args} printed, once it has ended by itself */
    private String tshark(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark"));
        command.addAll(List.of(args));
        try (ExternalProcess tshark = ExternalProcess.start(dir, "tshark", command)) {
            assertTrue(tshark.waitFor(60), "tshark finished");
            return tshark.printed();
        }
    }

    @Test
    void wiresharkDecodesOurStreamAndAgreesOnLossAndJitter() throws Exception {
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        Path capture = dir.resolve("lo.pcapng");
        ImpairmentConfig impairment = ImpairmentConfig.builder().delayMs(5).jitterMs(1).lossPercent(3).burst(2)
                .seed(11L).build();
        RelayConfig relayConfig = RelayConfig.builder().listen("127.0.0.1:0").forward("127.0.0.1:" + portB)
                .statsIntervalSeconds(0).impairment(impairment).build();
        SessionSummary atB;
        try (UdpRelay relay = UdpRelay.start(relayConfig, line -> { });
                ExternalProcess dumper = ExternalProcess.start(dir, "capture", List.of("tshark", "-i", "lo", "-f",
                        "udp port " + portB, "-w", capture.toString(), "-a", "duration:20"))) {
            // The loss and packet counts are compared exactly, so the capture must hold the whole
            // stream: a fixed 1.5 s was not always enough for tshark to start on a clean machine
            // (it missed the first 1.4 s in one CI run, 42 lost against our 51).
            assertTrue(dumper.awaitPrinted("Capturing on", 30), "tshark started capturing: " + dumper.output());
            String relayAddress = "127.0.0.1:" + relay.localAddress().getPort();
            SessionConfig configB = SessionConfig.builder().listen("127.0.0.1:" + portB).peer(relayAddress)
                    .input("silence").output("null").statsIntervalSeconds(0).build();
            SessionConfig configA = SessionConfig.builder().listen("127.0.0.1:" + portA).peer(relayAddress)
                    .ssrc(SSRC_A).input("tone").output("null").statsIntervalSeconds(0).build();
            Session b = Session.startPeer(configB, new ToneInput(FORMAT, 300, NanoClock.SYSTEM),
                    new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
            try {
                Session a = Session.startPeer(configA, new ToneInput(FORMAT, 440, NanoClock.SYSTEM),
                        new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
                try {
                    a.awaitEnd(Optional.of(Duration.ofSeconds(5)));
                } finally {
                    a.stop();
                }
                Thread.sleep(300);
            } finally {
                atB = b.stop();
            }
            Thread.sleep(1_000);
            dumper.interrupt(10);
        }
        String decodeAs = "udp.port==" + portB + ",rtp";
        String malformed = tshark("-r", capture.toString(), "-d", decodeAs, "-Y", "_ws.malformed || _ws.expert.severity >= error");
        assertEquals("", malformed.lines().filter(l -> !l.startsWith("Running as user")).reduce("", String::concat),
                "no malformed packet: " + malformed);
        String rtcp = tshark("-r", capture.toString(), "-d", decodeAs, "-Y", "rtcp.pt == 200");
        assertTrue(rtcp.lines().filter(l -> l.contains("Sender Report")).count() >= 3, "our RTCP decodes: " + rtcp);

        String streams = tshark("-r", capture.toString(), "-d", decodeAs, "-q", "-z", "rtp,streams");
        String streamOfA = streams.lines().filter(l -> l.contains(String.format("0x%08X", SSRC_A)))
                .findFirst().orElseThrow(() -> new AssertionError("A's stream is in the analysis: " + streams));
        String[] cells = streamOfA.trim().split("\\s+");
        long tsharkLost = Long.parseLong(cells[9]);
        long tsharkPackets = Long.parseLong(cells[8]);
        assertEquals(atB.totals().lostPackets, tsharkLost, streamOfA + "\n" + atB.toText());
        assertEquals(atB.totals().receivedPackets, tsharkPackets, streamOfA + "\n" + atB.toText());

        // tshark does not know a dynamic payload type's clock, so take its decoded timestamps and
        // arrival times and compute RFC 3550 jitter at 48 kHz: ours saw the same packets.
        String fields = tshark("-r", capture.toString(), "-d", decodeAs, "-Y", "rtp.ssrc == " + SSRC_A,
                "-T", "fields", "-e", "frame.time_epoch", "-e", "rtp.timestamp");
        double jitter = 0;
        double previousTransit = Double.NaN;
        for (String line : fields.lines().filter(l -> !l.isBlank() && !l.startsWith("Running")).toList()) {
            String[] f = line.split("\\s+");
            double transit = Double.parseDouble(f[0]) * 48_000 - Long.parseLong(f[1]);
            if (!Double.isNaN(previousTransit)) {
                jitter += (Math.abs(transit - previousTransit) - jitter) / 16;
            }
            previousTransit = transit;
        }
        double tsharkJitterMs = jitter / 48.0;
        System.out.printf("TSHARK A->B: %d packets, %d lost (ours %d); jitter %.3f ms from tshark's fields, ours %.3f ms%n",
                tsharkPackets, tsharkLost, atB.totals().lostPackets, tsharkJitterMs, atB.totals().jitterMs);
        assertEquals(tsharkJitterMs, atB.totals().jitterMs, Math.max(0.3, 0.3 * tsharkJitterMs),
                "jitter agrees with the capture's");
    }
}
