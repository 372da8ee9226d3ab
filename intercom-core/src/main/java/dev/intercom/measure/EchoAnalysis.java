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
    /** How far before a burst's start an echo is looked for when the lag is estimated: 10 ms. */
    private static final int LAG_MARGIN_PER_SECOND = 100;

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
        return analyse(plan, signal, recording, sampleRate, k -> 0, 0);
    }

    /**
     * As {@link #analyse(BurstPlan, double[], short[], int)}, for a recording whose frames do not
     * start with the capture's: burst {@code k}'s echo is looked for from its start frame less
     * {@code lagFrames.applyAsLong(k)}, and that lag is added back to its round trip.
     *
     * @param lagFrames for burst {@code k} (from 0): how many frames the recording's count runs
     *                  behind the played stream's at the same instant, near that burst
     */
    public static List<Measurement> analyse(BurstPlan plan, double[] signal, short[] recording, int sampleRate,
            java.util.function.IntToLongFunction lagFrames) {
        // An estimated lag can be off by a few frames either way (the times it comes from are a
        // woken thread's): the search starts a little before the burst's own frame, or a loop of
        // zero frames, found a frame early, was taken for the next burst's echo a period later.
        return analyse(plan, signal, recording, sampleRate, lagFrames,
                Math.min(plan.periodFrames() / 8, sampleRate / LAG_MARGIN_PER_SECOND));
    }

    /** As above, each echo looked for from {@code marginFrames} before the burst's (lagged) start. */
    private static List<Measurement> analyse(BurstPlan plan, double[] signal, short[] recording, int sampleRate,
            java.util.function.IntToLongFunction lagFrames, long margin) {
        Correlator correlator = new Correlator(signal);
        List<Measurement> out = new ArrayList<>(plan.count());
        for (int k = 0; k < plan.count(); k++) {
            long lag = lagFrames.applyAsLong(k);
            long start = plan.start(k) - lag;
            Echo echo = correlator.find(recording, start - margin, start - margin + plan.periodFrames());
            long frames = echo.frame() - start;
            out.add(new Measurement(k + 1, frames, frames * 1000.0 / sampleRate, echo.score(),
                    echo.score() >= MIN_SCORE));
        }
        return out;
    }
}
