package dev.intercom.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.config.SessionConfig;
import dev.intercom.jitter.TargetPolicy;
import dev.intercom.session.Session;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped example traces (traces/, made by {@link SyntheticTraces}) through the simulator:
 * the adaptive buffer at a 0.5% late-loss target against the best fixed buffer that reaches the
 * same late loss on the same trace (the oracle, found by bisection).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExampleTracesTest {

    private static final Path TRACES = Path.of("..", "traces");

    /** The defaults of a live peer: 48 kHz mono, 128-frame blocks, --jitter auto. */
    private static final SessionConfig PEER = SessionConfig.builder().input("silence").output("null").build();

    static SimulationResult simulate(Trace trace, Supplier<TargetPolicy> policy) {
        return TraceSimulator.of(PEER, policy).run(trace);
    }

    static SimulationResult auto(Trace trace) {
        return simulate(trace, () -> Session.targetPolicy(PEER));
    }

    /** @return the fixed buffer with the least delay whose late loss is at most {@code latePercent} */
    static SimulationResult bestFixed(Trace trace, double latePercent) {
        double low = 0;
        double high = 48_000; // a second
        SimulationResult best = simulate(trace, () -> TargetPolicy.fixed(48_000));
        for (int i = 0; i < 18; i++) {
            double mid = (low + high) / 2;
            SimulationResult r = simulate(trace, () -> TargetPolicy.fixed(mid));
            if (r.latePercent() <= latePercent) {
                high = mid;
                best = r;
            } else {
                low = mid;
            }
        }
        return best;
    }

    @Test
    void theShippedTracesAreTheGeneratedOnes() {
        for (String name : new String[] {"lan", "wifi", "lossy", "spikes", "skew"}) {
            Trace shipped = Trace.read(TRACES.resolve(name + ".csv"));
            assertTrue(shipped.packets() >= 11_000, name);
        }
        Trace lan = Trace.read(TRACES.resolve("lan.csv"));
        assertEquals(SyntheticTraces.lan().packets(), lan.packets());
        assertEquals(SyntheticTraces.lan().arrivalMs()[100], lan.arrivalMs()[100], 0.001);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lan", "wifi", "lossy", "spikes", "skew"})
    void theAdaptiveBufferIsWithinAQuarterOfTheBestFixedOne(String name) {
        Trace trace = Trace.read(TRACES.resolve(name + ".csv"));
        SimulationResult adaptive = auto(trace);
        SimulationResult oracle = bestFixed(trace, adaptive.latePercent());
        double ratio = adaptive.meanDelayMs() / oracle.meanDelayMs();
        System.out.printf(Locale.ROOT, "ORACLE %-6s auto: late %.3f%% mean %.2f ms (p99 %.2f) | best fixed: late %.3f%% mean "
                        + "%.2f ms | ratio %.2f | concealed %.2f%%%n", name, adaptive.latePercent(), adaptive.meanDelayMs(),
                adaptive.p99DelayMs(), oracle.latePercent(), oracle.meanDelayMs(), ratio, adaptive.concealedPercent());
        assertTrue(adaptive.latePercent() <= 1.0, "late loss near the 0.5% aim: " + adaptive.toCsv());
        assertTrue(ratio <= 1.25, "mean delay " + adaptive.meanDelayMs() + " ms against the oracle's "
                + oracle.meanDelayMs() + " ms");
    }
}
