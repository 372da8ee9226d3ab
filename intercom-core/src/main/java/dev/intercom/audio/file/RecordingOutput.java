package dev.intercom.audio.file;

import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;
import java.util.Arrays;

/**
 * An output that plays in real time into memory: the first channel of every block written, up
 * to a capacity fixed up front (the hot path allocates nothing). Frame {@code n} of the
 * recording is the frame the device played {@code n} frame periods after {@link #start()}, so
 * the recording lines up frame for frame with a paced input started at the same instant.
 */
public final class RecordingOutput extends PacedOutput {

    private final short[] recording;
    /** Frames stored; written by the playout thread only. */
    private volatile int stored;

    /**
     * @param format         the session's format
     * @param clock          the time source that paces playout
     * @param capacityFrames frames to keep; later frames are played but not kept
     */
    public RecordingOutput(StreamFormat format, NanoClock clock, int capacityFrames) {
        super(format, clock);
        this.recording = new short[capacityFrames];
    }

    @Override
    boolean consume(short[] block) {
        int channels = format.channels();
        int n = stored;
        int frames = Math.min(format.blockFrames(), recording.length - n);
        for (int f = 0; f < frames; f++) {
            recording[n + f] = block[f * channels];
        }
        stored = n + frames;
        return true;
    }

    /** @return a copy of the first channel of what was played so far */
    public short[] recording() {
        return Arrays.copyOf(recording, stored);
    }

    /** @return {@code "recording"} */
    @Override
    public String describe() {
        return "recording";
    }
}
