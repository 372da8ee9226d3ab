package dev.intercom.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.problem.ConfigException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ImpairmentConfig and RelayConfig refuse every bad value with the flag's name and what it accepts. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class ImpairConfigTest {

    @Test
    void theDefaultsImpairNothing() {
        ImpairmentConfig c = ImpairmentConfig.builder().build();
        assertEquals(0, c.delayNanos());
        assertEquals(0, c.jitterNanos());
        assertEquals(JitterDistribution.UNIFORM, c.jitterDistribution());
        assertEquals(0, c.lossRate());
        assertEquals(1, c.meanBurst());
        assertEquals(0, c.reorderRate());
        assertEquals(0, c.duplicateRate());
        assertEquals(0, c.rateLimitKbps());
        assertEquals(1_000, c.queuePackets());
        assertTrue(c.spike().isEmpty());
        assertFalse(c.seedGiven());
        assertEquals("no impairment, seed " + c.seed(), c.describe());
        assertTrue(c.seed() >= 0, "a random seed is short and positive, to retype");
    }

    @Test
    void theFlagsAreConvertedToRatesAndNanoseconds() {
        ImpairmentConfig c = ImpairmentConfig.builder().delayMs(30).jitterMs(10).jitterDistribution("PARETO")
                .lossPercent(2).burst(3).reorderPercent(1).duplicatePercent(0.5).rateLimitKbps(800).queuePackets(50)
                .spike("200:5").seed(7L).build();
        assertEquals(30_000_000, c.delayNanos());
        assertEquals(10_000_000, c.jitterNanos());
        assertEquals(JitterDistribution.PARETO, c.jitterDistribution());
        assertEquals(0.02, c.lossRate(), 1e-12);
        assertEquals(3, c.meanBurst());
        assertEquals(0.01, c.reorderRate(), 1e-12);
        assertEquals(0.005, c.duplicateRate(), 1e-12);
        assertEquals(800, c.rateLimitKbps());
        assertEquals(50, c.queuePackets());
        assertEquals(Duration.ofMillis(200), c.spike().orElseThrow().stall());
        assertEquals(Duration.ofSeconds(5), c.spike().orElseThrow().every());
        assertEquals(7, c.seed());
        assertTrue(c.seedGiven());
        assertEquals("delay 30 ms, jitter 10 ms mean pareto, loss 2% in bursts of 3 on average, reorder 1%, duplicate 0.5%, "
                + "rate limit 800 kbps, spikes of 200 ms about every 5 s, queue 50 datagrams, seed 7", c.describe());
    }

    @Test
    void eachBadValueNamesItsFlag() {
        assertBad(b -> b.delayMs(-1), "--delay: must be from 0 to 10000 ms");
        assertBad(b -> b.delayMs(Double.NaN), "--delay: must be from 0 to 10000 ms");
        assertBad(b -> b.jitterMs(20_000), "--jitter: must be from 0 to 10000 ms");
        assertBad(b -> b.jitterDistribution("normal"), "--jitter-dist: must be uniform or pareto (got 'normal')");
        assertBad(b -> b.lossPercent(100), "--loss: must be from 0 to below 100 percent");
        assertBad(b -> b.lossPercent(-2), "--loss: must be from 0 to below 100 percent");
        assertBad(b -> b.lossPercent(60), "--loss: at most 50.0 percent with --burst 1.0");
        assertBad(b -> b.burst(0.5), "--burst: must be from 1 to 10000 packets");
        assertBad(b -> b.reorderPercent(101), "--reorder: must be from 0 to 100 percent");
        assertBad(b -> b.duplicatePercent(-0.1), "--duplicate: must be from 0 to 100 percent");
        assertBad(b -> b.rateLimitKbps(0.5), "--rate-limit: must be 0 (none) or from 1 to 10000000 kbps");
        assertBad(b -> b.queuePackets(0), "--queue: must be from 1 to 100000 packets");
        assertBad(b -> b.spike("200"), "--spike: expected MS:EVERY_S, e.g. 200:5");
        assertBad(b -> b.spike("x:5"), "--spike: expected MS:EVERY_S");
        assertBad(b -> b.spike("0:5"), "--spike: the stall must be from 1 to 10000 ms");
        assertBad(b -> b.spike("200:0.1"), "--spike: EVERY_S must be longer than the stall");
    }

    @Test
    void moreLossIsReachableWithLongerBursts() {
        assertEquals(0.6, ImpairmentConfig.builder().lossPercent(60).burst(2).build().lossRate(), 1e-12);
    }

    @Test
    void theRelayNeedsAForwardAddressAndChecksItsOwnFlags() {
        assertBadRelay(RelayConfig.builder(), "--forward: needed: the address of peer B");
        assertBadRelay(RelayConfig.builder().forward("5004"), "--forward: expected HOST:PORT");
        assertBadRelay(RelayConfig.builder().forward("localhost:0"), "--forward: port must be a number from 1 to 65535");
        assertBadRelay(RelayConfig.builder().forward("localhost:5004").listen("70000"), "--listen: port must be");
        assertBadRelay(RelayConfig.builder().forward("localhost:5004").durationSeconds(0.0), "--duration: must be");
        assertBadRelay(RelayConfig.builder().forward("localhost:5004").statsIntervalSeconds(-1), "--stats-interval: must be");
        RelayConfig ok = RelayConfig.builder().forward("127.0.0.1:5004").build();
        assertEquals(6000, ok.listen().port());
        assertEquals(Duration.ofSeconds(1), ok.statsInterval());
        assertTrue(ok.duration().isEmpty());
        assertEquals(0, ok.impairment().lossRate());
    }

    private static void assertBad(UnaryOperator<ImpairmentConfig.Builder> setting, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> setting.apply(ImpairmentConfig.builder()).build());
        assertTrue(e.getMessage().startsWith(expected), "expected '" + expected + "' at the start of: " + e.getMessage());
        assertEquals(expected.substring(0, expected.indexOf(':')), e.flag());
    }

    private static void assertBadRelay(RelayConfig.Builder builder, String expected) {
        ConfigException e = assertThrows(ConfigException.class, builder::build);
        assertTrue(e.getMessage().startsWith(expected), "expected '" + expected + "' at the start of: " + e.getMessage());
    }
}
