package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.trace.SimulationResult;
import dev.intercom.trace.Trace;
import dev.intercom.trace.TraceSimulator;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Listens to what {@code intercom simulate --audio --out} plays over the repository's example
 * traces of a Wi-Fi link and a lossy link: every loss, late packet and time-scale operation is
 * in there, and none of them may click (a sample-to-sample step beyond the signal's own
 * largest) or overshoot (a sample above the signal's peak).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TraceListeningTest {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 128);
    /**
     * What a waveform continued at another phase may step beyond the original: a period is not
     * a whole number of samples (440 Hz is 109.09 at 48 kHz), so a cut or a concealment's loop
     * lands a fraction of a sample off, and rounding adds its own. A click is many times more.
     */
    private static final double PHASE_SLACK = 1.01;

    @Test
    void aToneOverWifiNeverStepsBeyondItsOwnStepNorExceedsItsPeak() {
        short[] tone = ConcealmentSignals.sines(FORMAT.sampleRate(), 30 * FORMAT.sampleRate(), new double[] {440},
                new double[] {8192}); // -12 dBFS
        Heard heard = simulate("wifi.csv", tone);
        assertTrue(heard.result.concealedPercent() > 0.5, "the trace has losses to conceal: " + heard.result.toCsv());
        assertListenable(tone, heard);
    }

    @Test
    void speechNearFullScaleOverALossyLinkNeverClipsNorClicks() {
        short[] speech = SpeechLikeSignal.generate(FORMAT.sampleRate(), 30, 11);
        short[] loud = scaledToPeak(speech, 0.92 * Short.MAX_VALUE);
        Heard heard = simulate("lossy.csv", loud);
        assertTrue(heard.result.concealedPercent() > 1, "the trace has losses to conceal: " + heard.result.toCsv());
        assertListenable(loud, heard);
        assertEquals(0, heard.countAtLeast(Short.MAX_VALUE), "samples at full scale");
    }

    private static void assertListenable(short[] input, Heard heard) {
        int ownStep = ConcealmentSignals.maxJump(input, 0, input.length);
        int ownPeak = ConcealmentSignals.peak(input, 0, input.length);
        int step = ConcealmentSignals.maxJump(heard.samples, 0, heard.length);
        int peak = ConcealmentSignals.peak(heard.samples, 0, heard.length);
        System.out.printf("LISTEN %s: largest step %d (the signal's own %d), peak %d (the signal's %d)%n",
                heard.result.toCsv(), step, ownStep, peak, ownPeak);
        assertTrue(step <= ownStep * PHASE_SLACK, "largest step " + step + " vs the signal's own " + ownStep);
        assertTrue(peak <= ownPeak, "peak " + peak + " vs the signal's " + ownPeak);
    }

    private static short[] scaledToPeak(short[] signal, double peak) {
        double scale = peak / ConcealmentSignals.peak(signal, 0, signal.length);
        short[] out = new short[signal.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(signal[i] * scale);
        }
        return out;
    }

    private static Heard simulate(String traceFile, short[] audio) {
        Trace trace = Trace.read(Path.of("..", "traces", traceFile));
        TraceSimulator simulator = new TraceSimulator(FORMAT, () -> TargetPolicy.adaptive(0.005, 0, 24_000, 128),
                () -> new PitchConcealer(FORMAT), 1 << 16, 24_000, 4, 24_000);
        Heard heard = new Heard(audio.length + 10 * FORMAT.sampleRate());
        heard.result = simulator.run(trace, audio, heard);
        return heard;
    }

    /** Collects every block the simulated listener heard. */
    private static final class Heard implements AudioOutput {
        private final short[] samples;
        private int length;
        private SimulationResult result;

        Heard(int capacity) {
            this.samples = new short[capacity];
        }

        int countAtLeast(int magnitude) {
            int n = 0;
            for (int i = 0; i < length; i++) {
                n += Math.abs(samples[i]) >= magnitude ? 1 : 0;
            }
            return n;
        }

        @Override
        public StreamFormat format() {
            return FORMAT;
        }

        @Override
        public void start() {
        }

        @Override
        public boolean awaitRoom() {
            return true;
        }

        @Override
        public void write(short[] block) {
            int n = Math.min(block.length, samples.length - length);
            System.arraycopy(block, 0, samples, length, n);
            length += n;
        }

        @Override
        public long bufferedFrames() {
            return 0;
        }

        @Override
        public String describe() {
            return "what the simulated listener heard";
        }

        @Override
        public void close() {
        }
    }
}
