package dev.intercom.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.FrameLoop;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.SilenceInput;
import dev.intercom.time.NanoClock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code measure --local} on the paced file path: the bursts are played into a virtual cable
 * ({@link FrameLoop}) whose delay is known, in real time on real threads, and every measurement
 * must come back within one block of that delay.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LocalMeasurementTest {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 128);

    @ParameterizedTest
    @ValueSource(ints = {0, 37, 1_000, 9_600})
    void theLoopsDelayIsMeasuredWithinOneBlock(int delayFrames) throws Exception {
        FrameLoop loop = new FrameLoop(FORMAT, NanoClock.SYSTEM, delayFrames);
        BurstPlan plan = BurstPlan.of(FORMAT, 100, 300, 5);
        List<Measurement> ms = LocalMeasurement.run(loop.output(), loop.input(), plan, -12);
        assertEquals(5, ms.size());
        System.out.println("LOCAL loop of " + delayFrames + " frames measured " + ms.stream().map(Measurement::frames)
                .toList() + " frames");
        for (Measurement m : ms) {
            // A loop shorter than a block catches a late playout write only in part: the score drops, the delay holds.
            assertTrue(m.found(), m.toString());
            assertTrue(Math.abs(m.frames() - delayFrames) <= FORMAT.blockFrames(),
                    "measured " + m + ", the loop delays " + delayFrames + " frames");
        }
        RoundTripStats stats = RoundTripStats.of(ms);
        assertTrue(Math.abs(stats.median() - FORMAT.framesToMillis(delayFrames)) <= FORMAT.blockMillis(), stats.describe());
    }

    @Test
    void aQuietLoopStillCorrelates() throws Exception {
        FrameLoop loop = new FrameLoop(FORMAT, NanoClock.SYSTEM, 500);
        List<Measurement> ms = LocalMeasurement.run(loop.output(), loop.input(), BurstPlan.of(FORMAT, 50, 200, 3), -50);
        // Within a block, as every local measurement: the lag comes from the threads' hand-over times.
        assertEquals(500, RoundTripStats.of(ms).median() * 48, FORMAT.blockFrames());
    }

    @Test
    void withNoLoopNothingCorrelatesAndTheMessageSaysWhatToCheck() throws Exception {
        List<Measurement> ms = LocalMeasurement.run(new NullOutput(FORMAT, NanoClock.SYSTEM),
                new SilenceInput(FORMAT, NanoClock.SYSTEM), BurstPlan.of(FORMAT, 50, 200, 3), -12);
        assertTrue(ms.stream().noneMatch(Measurement::found), ms.toString());
        NoEchoException e = assertThrows(NoEchoException.class, () -> MeasurementReport.summary(ms, 48_000));
        assertTrue(e.getMessage().contains("no echo") && e.getMessage().contains("--level"), e.getMessage());
    }
}
