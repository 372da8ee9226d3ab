package dev.intercom.audio.file;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;

/**
 * The real-time half of every input in this package: block {@code n} is handed out once its last
 * frame's time, {@code start + (n + 1) * blockDuration}, has passed, as a sound card would. The
 * subclass only says what the samples are.
 */
abstract class PacedInput implements AudioInput {

    private final StreamFormat format;
    private final RealTimePacer pacer;
    private long blocksRead;
    private volatile int bufferedFrames;
    private volatile boolean closed;

    PacedInput(StreamFormat format, NanoClock clock) {
        if (format == null) {
            throw new NullPointerException("format");
        }
        this.format = format;
        this.pacer = new RealTimePacer(clock, format.sampleRate(), format.blockFrames());
    }

    @Override
    public final StreamFormat format() {
        return format;
    }

    @Override
    public final void start() {
        pacer.start();
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
        if (block.length < format.samplesPerBlock()) {
            throw new IllegalArgumentException("block holds " + block.length
                    + " samples, needs " + format.samplesPerBlock());
        }
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

    @Override
    public final void close() {
        closed = true;
        pacer.stop();
        release();
    }

    /**
     * Writes the next {@link StreamFormat#samplesPerBlock()} samples into {@code block}. Called
     * on the capture thread; must not allocate.
     *
     * @return {@code false} if the input was closed meanwhile (the block is then untouched)
     */
    abstract boolean fill(short[] block);

    /** Releases what the input holds; called by every {@link #close()}, so must be idempotent. */
    void release() {
    }
}
