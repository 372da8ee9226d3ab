package dev.intercom.measure;

import java.util.ArrayList;
import java.util.List;

/** Finds each burst's echo in a recording that started on the same frame as the capture. */
public final class EchoAnalysis {

    /**
     * The normalised correlation an echo must reach. A clean loop scores above 0.95, Opus at
     * 64 kbit/s above 0.8; silence and an unrelated signal stay below 0.2.
     */
    public static final double MIN_SCORE = 0.5;

    private EchoAnalysis() {
    }

    /**
     * @param plan       when the bursts were captured
     * @param signal     the burst's shape
     * @param recording  what came back, frame 0 played when capture frame 0 was captured
     * @param sampleRate frames per second, for the milliseconds
     * @return one measurement per burst, in order
     */
    public static List<Measurement> analyse(BurstPlan plan, double[] signal, short[] recording, int sampleRate) {
        Correlator correlator = new Correlator(signal);
        List<Measurement> out = new ArrayList<>(plan.count());
        for (int k = 0; k < plan.count(); k++) {
            long start = plan.start(k);
            Echo echo = correlator.find(recording, start, start + plan.periodFrames());
            long frames = echo.frame() - start;
            out.add(new Measurement(k + 1, frames, frames * 1000.0 / sampleRate, echo.score(),
                    echo.score() >= MIN_SCORE));
        }
        return out;
    }
}
