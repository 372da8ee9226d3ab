package dev.intercom.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.jitter.RepeatFadeConcealer;
import dev.intercom.jitter.TargetPolicy;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator replays traces through the real jitter buffer in virtual time. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TraceSimulatorTest {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 128);

    static SimulationResult auto(Trace trace) {
        return new TraceSimulator(FORMAT, () -> TargetPolicy.adaptive(0.005, 0, 24_000, 128),
                () -> new RepeatFadeConcealer(FORMAT), 65_536, 24_000, 4).run(trace);
    }

    @Test
    void aCleanLanTracePlaysWithNothingLateAndLittleDelay() {
        SimulationResult r = auto(SyntheticTraces.lan());
        System.out.println(SimulationResult.HEADER + "\n" + r.toCsv());
        assertEquals(0, r.lost());
        assertTrue(r.latePercent() < 0.5, r.toCsv());
        assertTrue(r.meanDelayMs() < 3, r.toCsv());
    }

    @Test
    void aSimulatorRunsTheSameTwice() {
        TraceSimulator simulator = new TraceSimulator(FORMAT, () -> TargetPolicy.adaptive(0.005, 0, 24_000, 128),
                () -> new RepeatFadeConcealer(FORMAT), 65_536, 24_000, 4);
        Trace wifi = SyntheticTraces.wifi();
        assertEquals(simulator.run(wifi).toCsv(), simulator.run(wifi).toCsv());
    }
}
