package dev.intercom.measure;

import java.util.Arrays;

/**
 * When each block of one device stream was handed over: written to the output, or returned by
 * the input's read. A sound card line (and a sound server behind it) counts its frames from its
 * own start, which is not the other line's, so frame numbers alone do not say how an output
 * frame and an input frame line up in time; these times do. Filled by one audio thread, read
 * after it has ended.
 */
final class BlockTimes {

    private final long[] nanos;
    private final int blockFrames;
    private final int sampleRate;
    /** 0 for an output (a block is handed over by its first frame), 1 for an input (once its last frame is in). */
    private final int edge;
    private int blocks;

    /**
     * @param input true for an input: a block read is due when its last frame has been captured,
     *              a block written when its first frame is due to be queued
     */
    BlockTimes(int capacityBlocks, int blockFrames, int sampleRate, boolean input) {
        this.nanos = new long[capacityBlocks];
        this.blockFrames = blockFrames;
        this.sampleRate = sampleRate;
        this.edge = input ? 1 : 0;
    }

    /** Notes that the next block was handed over at {@code nowNanos}. */
    void handedOver(long nowNanos) {
        if (blocks < nanos.length) {
            nanos[blocks++] = nowNanos;
        }
    }

    /**
     * The stream's time origin near {@code frame}: the median, over the blocks within {@code
     * windowFrames} of it, of each block's hand-over time less its frames' own duration from the
     * start. A thread that woke late moves one block's figure, not the median; a stream that
     * jumped (a server that dropped or inserted audio at its start) is seen where it jumped.
     *
     * @return nanoseconds on the clock the times were taken on; frame {@code f} of the stream is
     *     handed over at about this plus {@code f} frames
     */
    long originNear(long frame, long windowFrames) {
        long from = Math.max(0, (frame - windowFrames) / blockFrames);
        long to = Math.min(blocks, (frame + windowFrames) / blockFrames + 1);
        if (to <= from) {
            from = Math.max(0, blocks - 1);
            to = blocks;
        }
        long[] offsets = new long[(int) (to - from)];
        for (long b = from; b < to; b++) {
            offsets[(int) (b - from)] = nanos[(int) b] - framesToNanos((b + edge) * blockFrames);
        }
        Arrays.sort(offsets);
        return offsets[offsets.length / 2];
    }

    /** @return blocks noted so far */
    int blocks() {
        return blocks;
    }

    private long framesToNanos(long frames) {
        return frames * 1_000_000_000L / sampleRate;
    }
}
