package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.config.SessionConfig;
import dev.intercom.impair.DirectionCounts;
import dev.intercom.impair.ImpairmentConfig;
import dev.intercom.stats.SessionSummary;
import dev.intercom.time.NanoClock;
import java.time.Duration;
import java.util.Locale;
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

    static RelayedPeers.Outcome run(double seconds) throws Exception {
        ImpairmentConfig impairment = ImpairmentConfig.builder().delayMs(30).jitterMs(10).lossPercent(2).burst(3)
                .seed(7L).build();
        return RelayedPeers.run(impairment, FORMAT, SessionConfig.builder(), SessionConfig.builder().output("null"),
                new NullOutput(FORMAT, NanoClock.SYSTEM), Duration.ofMillis((long) (seconds * 1000)));
    }

    private static void check(RelayedPeers.Outcome o, double seconds) {
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
        RelayedPeers.Outcome o = run(60);
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
