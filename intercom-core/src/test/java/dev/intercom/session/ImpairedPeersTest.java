package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.config.SessionConfig;
import dev.intercom.impair.DirectionCounts;
import dev.intercom.impair.ImpairmentConfig;
import dev.intercom.impair.RelayConfig;
import dev.intercom.impair.UdpRelay;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.FreePorts;
import dev.intercom.time.NanoClock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two real peers through {@code intercom impair} (30 ms delay, 10 ms jitter, 2% loss in bursts
 * of 3): the adaptive target follows the jitter, the loss the receiver counts is the loss the
 * relay made, and the audio keeps flowing.
 */
class ImpairedPeersTest {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 128);

    record Outcome(SessionSummary atB, DirectionCounts aToB) { }

    static Outcome run(double seconds) throws Exception {
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        ImpairmentConfig impairment = ImpairmentConfig.builder().delayMs(30).jitterMs(10).lossPercent(2).burst(3)
                .seed(7L).build();
        RelayConfig relayConfig = RelayConfig.builder().listen("127.0.0.1:0").forward("127.0.0.1:" + portB)
                .statsIntervalSeconds(0).impairment(impairment).build();
        try (UdpRelay relay = UdpRelay.start(relayConfig, line -> { })) {
            String relayAddress = "127.0.0.1:" + relay.localAddress().getPort();
            SessionConfig configB = SessionConfig.builder().listen("127.0.0.1:" + portB).peer(relayAddress)
                    .input("tone:300").output("null").statsIntervalSeconds(0).build();
            SessionConfig configA = SessionConfig.builder().listen("127.0.0.1:" + portA).peer(relayAddress)
                    .input("tone:440").output("null").statsIntervalSeconds(0).build();
            Session b = Session.startPeer(configB, new ToneInput(FORMAT, 300, NanoClock.SYSTEM),
                    new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
            try {
                Session a = Session.startPeer(configA, new ToneInput(FORMAT, 440, NanoClock.SYSTEM),
                        new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
                try {
                    a.awaitEnd(Optional.of(Duration.ofMillis((long) (seconds * 1000))));
                } finally {
                    a.stop();
                }
                Thread.sleep(200); // what A sent last is still in the relay's delay line
            } finally {
                b.stop();
            }
            return new Outcome(b.stop(), relay.snapshot().aToB());
        }
    }

    private static void check(Outcome o, double seconds) {
        SessionSummary b = o.atB();
        DirectionCounts relay = o.aToB();
        String both = b.toText() + "\nrelay a->b: " + relay;
        long missing = relay.lost() - b.totals().lostPackets;
        assertTrue(missing >= 0 && missing <= 6, "B counts the losses the relay made (bar the last few): " + both);
        // The relay also forwards A's RTCP, about one compound packet a second.
        long rtcp = Math.round(2 * seconds) + 2;
        assertTrue(b.totals().receivedPackets >= relay.forwarded() - 5 - rtcp, "everything forwarded arrived: " + both);
        assertTrue(b.totals().targetMs > 8 && b.totals().targetMs < 100,
                "the target rose to cover 0..20 ms of jitter (a stalled machine may add more): " + both);
        double concealedShare = (double) b.totals().concealedBlocks / b.totals().receivedPackets;
        assertTrue(concealedShare < 0.06, "the audio keeps flowing: " + both);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoPeersThroughTheRelayForTenSeconds() throws Exception {
        check(run(10), 10);
    }

    @Test
    @Tag("benchmark")
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoPeersThroughTheRelayForAMinute() throws Exception {
        Outcome o = run(60);
        SessionSummary b = o.atB();
        DirectionCounts relay = o.aToB();
        System.out.printf(Locale.ROOT, "IMPAIRED relay a->b: received %d, lost %d (%.2f%%, mean burst %.2f), forwarded %d, "
                        + "added delay mean %.1f ms max %.1f ms%n", relay.received(), relay.lost(), relay.lossPercent(),
                relay.meanBurst(), relay.forwarded(), relay.meanDelayMs(), relay.maxDelayMs());
        System.out.printf(Locale.ROOT, "IMPAIRED peer B: received %d, lost %d, late %d, reordered %d, concealed %d, "
                        + "underruns %d, target %.2f ms, jitter %.2f ms, e2e %.2f ms%n", b.totals().receivedPackets,
                b.totals().lostPackets, b.totals().latePackets, b.totals().reorderedPackets, b.totals().concealedBlocks,
                b.totals().underruns, b.totals().targetMs, b.totals().jitterMs, b.totals().e2eLatencyMs);
        check(o, 60);
    }
}
