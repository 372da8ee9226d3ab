package dev.intercom.audio.file;

import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;

/**
 * What a paced input and a paced output have in common: a stream format, a {@link RealTimePacer}
 * that stands in for a sound card's clock from {@link #start()}, and a close that stops the
 * clock (waking a thread waiting on it) before the subclass releases what it holds.
 */
abstract class PacedDevice {

    final StreamFormat format;
    final RealTimePacer pacer;
    volatile boolean closed;

    PacedDevice(StreamFormat format, NanoClock clock) {
        if (format == null) {
            throw new NullPointerException("format");
        }
        this.format = format;
        this.pacer = new RealTimePacer(clock, format.sampleRate(), format.blockFrames());
    }

    /** @return the stream format blocks are paced in */
    public final StreamFormat format() {
        return format;
    }

    /** Starts the clock: block timing counts from now. */
    public final void start() {
        pacer.start();
    }

    /** Stops the clock, so a waiting thread returns, then releases what the subclass holds. */
    public final void close() {
        closed = true;
        pacer.stop();
        release();
    }

    /** Releases what the device holds; called by every {@link #close()}, so must be idempotent. */
    void release() {
    }

    /** @throws IllegalArgumentException if {@code block} cannot hold one block of this format */
    final void requireWholeBlock(short[] block) {
        if (block.length < format.samplesPerBlock()) {
            throw new IllegalArgumentException("block holds " + block.length
                    + " samples, needs " + format.samplesPerBlock());
        }
    }
}
