package dev.intercom.measure;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.ClipInput;
import dev.intercom.time.NanoClock;

/**
 * When the bursts are sent: burst {@code k} (from 0) starts on frame {@code lead + k * period}
 * of the capture, and its echo is looked for at round trips from 0 to one period, so a period
 * is also the longest round trip that can be measured. After the last burst the recording runs
 * one more period so its echo can arrive.
 *
 * @param leadFrames   frames before the first burst: the session's start-up (the jitter buffer
 *                     listens before it plays, an adaptive target settles)
 * @param periodFrames frames from one burst's start to the next one's
 * @param count        how many bursts
 */
public record BurstPlan(long leadFrames, long periodFrames, int count) {

    /** Count range the CLI allows; a burst a period, so 1000 is ten minutes at most. */
    public static final int MAX_COUNT = 1000;

    /** @throws IllegalArgumentException if a figure is out of range */
    public BurstPlan {
        if (leadFrames < 0 || periodFrames <= 0 || count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("burst plan: lead " + leadFrames + ", period " + periodFrames
                    + ", count " + count + " (1.." + MAX_COUNT + ")");
        }
    }

    /**
     * @param format    the stream's format
     * @param leadMs    silence before the first burst
     * @param periodMs  burst spacing, also the longest round trip measured
     * @param count     bursts
     * @return the plan in frames of {@code format}
     */
    public static BurstPlan of(StreamFormat format, double leadMs, double periodMs, int count) {
        return new BurstPlan(Math.round(leadMs * format.sampleRate() / 1000), Math.round(periodMs * format.sampleRate()
                / 1000), count);
    }

    /** @return the capture frame burst {@code k} starts on */
    public long start(int k) {
        return leadFrames + k * periodFrames;
    }

    /** @return frames from the start to the end of the last echo window */
    public long totalFrames() {
        return leadFrames + (count + 1L) * periodFrames;
    }

    /** @return an input, paced by {@code clock}, that captures the bursts of {@code clip} on this plan */
    public AudioInput input(StreamFormat format, NanoClock clock, short[] clip) {
        return new ClipInput(format, clock, clip, leadFrames, periodFrames, count);
    }
}
