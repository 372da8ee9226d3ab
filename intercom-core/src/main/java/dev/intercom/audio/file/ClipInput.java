package dev.intercom.audio.file;

import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;

/**
 * An input that captures silence with a clip in it at fixed frame positions: the clip starts at
 * frame {@code first}, {@code first + period}, ... ({@code count} times), the same on every
 * channel. A latency measurement knows from this exactly which captured frame each clip began
 * on, so the offset of its echo in a recording is the round trip.
 */
public final class ClipInput extends PacedInput {

    private final short[] clip;
    private final long first;
    private final long period;
    private final int count;
    /** The number of the next frame to capture, counted from the first frame after start. */
    private long frame;

    /**
     * @param format the session's format
     * @param clock  the time source that paces reads
     * @param clip   the samples of one clip (one channel)
     * @param first  the frame the first clip starts on, {@code >= 0}
     * @param period frames from one clip's start to the next one's, at least the clip's length
     * @param count  how many clips, {@code >= 0}
     */
    public ClipInput(StreamFormat format, NanoClock clock, short[] clip, long first, long period, int count) {
        super(format, clock);
        if (first < 0 || count < 0 || period < clip.length) {
            throw new IllegalArgumentException("clip plan: first " + first + ", period " + period + " (clip "
                    + clip.length + " frames), count " + count);
        }
        this.clip = clip.clone();
        this.first = first;
        this.period = period;
        this.count = count;
    }

    @Override
    boolean fill(short[] block) {
        int channels = format.channels();
        int i = 0;
        for (int f = 0; f < format.blockFrames(); f++, frame++) {
            short s = sampleAt(frame);
            for (int c = 0; c < channels; c++) {
                block[i++] = s;
            }
        }
        return true;
    }

    private short sampleAt(long at) {
        long sinceFirst = at - first;
        if (sinceFirst < 0 || sinceFirst >= period * count) {
            return 0;
        }
        long inClip = sinceFirst % period;
        return inClip < clip.length ? clip[(int) inClip] : 0;
    }

    /** @return e.g. {@code "10 clips of 3840 frames every 28800"} */
    @Override
    public String describe() {
        return count + " clips of " + clip.length + " frames every " + period;
    }
}
