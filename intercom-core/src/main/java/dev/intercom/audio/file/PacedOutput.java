package dev.intercom.audio.file;

import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;

/**
 * The real-time half of every output in this package: the device plays one frame per frame
 * period from {@link #start()}, and has room for block {@code n} at {@code start + n *
 * blockDuration} (block 0 at once). The subclass only says where the samples go.
 */
abstract class PacedOutput extends PacedDevice implements AudioOutput {

    /** Written by the playout thread only; read by reporters. */
    private volatile long framesWritten;

    PacedOutput(StreamFormat format, NanoClock clock) {
        super(format, clock);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also returns {@code false} if the waiting thread is interrupted (its interrupt flag stays
     * set), since that is how a playout thread is told to stop.
     *
     * @throws IllegalStateException if the output was not started
     */
    @Override
    public final boolean awaitRoom() {
        if (closed) {
            return false;
        }
        return pacer.awaitTick(nextBlock()) != RealTimePacer.STOPPED && !closed;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: the slot of the next block on the paced clock, {@code start + n * blockDuration};
     * the file records every block in its slot however late the thread that wrote it.
     */
    @Override
    public final long blockDueNanos(long roomNanos) {
        if (!pacer.isStarted()) {
            return roomNanos;
        }
        long slot = pacer.startNanos() + pacer.tickOffsetNanos(nextBlock());
        return Math.min(roomNanos, slot);
    }

    /** {@inheritDoc} Here: yes, the block's place in the output is its slot. */
    @Override
    public final boolean slotted() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A write after {@link #close()} is ignored: the playout thread may race with the close.
     */
    @Override
    public final void write(short[] block) {
        requireWholeBlock(block);
        if (closed || !consume(block)) {
            return;
        }
        // Single writer, so a plain read-modify-write of the volatile is safe.
        framesWritten = framesWritten + format.blockFrames();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: frames written minus frames the device clock has played since {@link #start()},
     * never below zero (a late writer leaves the device idle, it does not owe frames).
     */
    @Override
    public final long bufferedFrames() {
        long written = framesWritten;
        if (!pacer.isStarted()) {
            return written;
        }
        long played = format.nanosToFrames(pacer.clock().nanoTime() - pacer.startNanos());
        return Math.max(0, written - played);
    }

    /** @return frames written since the output was created */
    public final long framesWritten() {
        return framesWritten;
    }

    /** @return the number of the block to be written next: its tick on the paced clock */
    private long nextBlock() {
        return framesWritten / format.blockFrames();
    }

    /**
     * Takes one block of {@link StreamFormat#samplesPerBlock()} samples. Called on the playout
     * thread; must not allocate.
     *
     * @return {@code false} if the output was closed meanwhile and the block was not taken
     */
    abstract boolean consume(short[] block);
}
