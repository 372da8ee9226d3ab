package dev.intercom.audio.file;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;

/**
 * The real-time half of every input in this package: block {@code n} is handed out once its last
 * frame's time, {@code start + (n + 1) * blockDuration}, has passed, as a sound card would. The
 * subclass only says what the samples are.
 */
abstract class PacedInput extends PacedDevice implements AudioInput {

    private long blocksRead;
    private volatile int bufferedFrames;

    PacedInput(StreamFormat format, NanoClock clock) {
        super(format, clock);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also returns {@code false} if the reading thread is interrupted (its interrupt flag stays
     * set), since that is how a capture thread is told to stop.
     *
     * @throws IllegalStateException if the input was not started
     */
    @Override
    public final boolean read(short[] block) {
        requireWholeBlock(block);
        if (closed) {
            return false;
        }
        long lateNanos = pacer.awaitTick(blocksRead + 1);
        if (lateNanos == RealTimePacer.STOPPED || closed || !fill(block)) {
            return false;
        }
        blocksRead++;
        bufferedFrames = (int) Math.min(Integer.MAX_VALUE, format.nanosToFrames(lateNanos));
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: how late the last read woke, in frames, which is what a device buffer would hold.
     */
    @Override
    public final int bufferedFrames() {
        return bufferedFrames;
    }

    /** @return blocks handed out by {@link #read} so far, as last seen by the reading thread */
    public final long blocksRead() {
        return blocksRead;
    }

    /**
     * Writes the next {@link StreamFormat#samplesPerBlock()} samples into {@code block}. Called
     * on the capture thread; must not allocate.
     *
     * @return {@code false} if the input was closed meanwhile (the block is then untouched)
     */
    abstract boolean fill(short[] block);
}
