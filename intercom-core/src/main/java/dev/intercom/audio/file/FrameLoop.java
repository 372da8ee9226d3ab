package dev.intercom.audio.file;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;

/**
 * A virtual cable from an output to an input: what the output plays, the input captures
 * {@code delayFrames} later. Both ends are paced in real time by their own clocks, which run at
 * the same nominal rate from (almost) the same start, so input frame {@code n} is output frame
 * {@code n - delayFrames}; frames the output has not played yet (a playout thread that fell
 * behind) are captured as silence, as a cable would carry.
 *
 * <p>Used as a peer's device for {@code intercom reflect} (what it plays goes straight back)
 * and, with a known delay, as the truth a latency measurement is checked against.
 */
public final class FrameLoop {

    private final StreamFormat format;
    private final int delayFrames;
    /** Interleaved samples, a power of two frames long so a frame's slot is {@code frame & mask}. */
    private final short[] ring;
    private final long mask;
    /** Frames the output has written; single writer. */
    private volatile long written;
    private final Output output;
    private final Input input;

    /**
     * @param format      both ends' format
     * @param clock       the time source both ends are paced by
     * @param delayFrames frames from playing to capturing, {@code >= 0}
     */
    public FrameLoop(StreamFormat format, NanoClock clock, int delayFrames) {
        if (delayFrames < 0) {
            throw new IllegalArgumentException("loop delay must be >= 0 frames, got " + delayFrames);
        }
        this.format = format;
        this.delayFrames = delayFrames;
        // Room for the delay and a quarter second more: the output may run that far ahead of the input.
        int frames = Integer.highestOneBit(delayFrames + format.sampleRate() / 4 + format.blockFrames()) << 1;
        this.ring = new short[frames * format.channels()];
        this.mask = frames - 1;
        this.output = new Output(format, clock);
        this.input = new Input(format, clock);
    }

    /** @return the end that plays into the loop */
    public AudioOutput output() {
        return output;
    }

    /** @return the end that captures from the loop */
    public AudioInput input() {
        return input;
    }

    /** @return the frames between playing and capturing */
    public int delayFrames() {
        return delayFrames;
    }

    private final class Output extends PacedOutput {
        Output(StreamFormat format, NanoClock clock) {
            super(format, clock);
        }

        @Override
        boolean consume(short[] block) {
            int channels = format.channels();
            long at = written;
            for (int f = 0; f < format.blockFrames(); f++) {
                System.arraycopy(block, f * channels, ring, (int) ((at + f) & mask) * channels, channels);
            }
            written = at + format.blockFrames();
            return true;
        }

        @Override
        public String describe() {
            return "loop to input (" + delayFrames + " frames)";
        }
    }

    private final class Input extends PacedInput {
        /** The next frame to capture. */
        private long frame;

        Input(StreamFormat format, NanoClock clock) {
            super(format, clock);
        }

        @Override
        boolean fill(short[] block) {
            int channels = format.channels();
            long available = written;
            for (int f = 0; f < format.blockFrames(); f++, frame++) {
                long played = frame - delayFrames;
                boolean present = played >= 0 && played < available && available - played <= mask;
                for (int c = 0; c < channels; c++) {
                    block[f * channels + c] = present ? ring[(int) (played & mask) * channels + c] : 0;
                }
            }
            return true;
        }

        @Override
        public String describe() {
            return "loop from output (" + delayFrames + " frames)";
        }
    }

    @Override
    public String toString() {
        return "FrameLoop[" + format + ", " + delayFrames + " frames]";
    }
}
