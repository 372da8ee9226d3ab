package dev.intercom.audio.javasound;

/**
 * When a playback line that keeps running dry should be reopened with a larger buffer, and how
 * large: the rule behind {@code --device-buffer auto}'s growth (see {@link GrowingOutput}).
 *
 * <p>One device underrun is a moment: the machine stalled once. Two within {@link #WINDOW_NANOS}
 * are a machine whose stalls are longer than the line's buffer (measured on this VM: 16-22 ms
 * with no room on the line, then the line found empty, with 12% of the CPU time stolen by the
 * host), and they come back. Then the buffer grows by half (at least a block), up to a ceiling;
 * it never shrinks, since every change of line is itself a gap. Time is passed in. One thread.
 */
final class LineGrowth {

    /** Two device underruns closer than this grow the line. */
    static final long WINDOW_NANOS = 10_000_000_000L;

    private final int maxBlocks;
    private int blocks;
    private long underrunsSeen;
    private long lastUnderrunNanos;
    private boolean underranBefore;

    /**
     * @param blocks    the line buffer the line was opened with, in blocks
     * @param maxBlocks the largest buffer it may grow to, in blocks
     */
    LineGrowth(int blocks, int maxBlocks) {
        if (blocks < 2 || maxBlocks < blocks) {
            throw new IllegalArgumentException("blocks " + blocks + ", at most " + maxBlocks);
        }
        this.blocks = blocks;
        this.maxBlocks = maxBlocks;
    }

    /**
     * Notes the device's underrun count after a block was written (it rises by one at most per
     * block: the line is looked at once per block).
     *
     * @param underruns the count of device underruns so far, from 0 when the first line opened
     * @param nowNanos  the time now
     * @return the buffer, in blocks, to reopen the line with now, or 0 to keep the line
     */
    int afterWrite(long underruns, long nowNanos) {
        if (underruns <= underrunsSeen) {
            return 0;
        }
        boolean recurring = underranBefore && nowNanos - lastUnderrunNanos <= WINDOW_NANOS;
        underrunsSeen = underruns;
        lastUnderrunNanos = nowNanos;
        underranBefore = true;
        if (!recurring || blocks >= maxBlocks) {
            return 0;
        }
        blocks = Math.min(maxBlocks, blocks + Math.max(1, (blocks + 1) / 2));
        underranBefore = false; // the larger line must run dry twice itself before it grows again
        return blocks;
    }

    /** @return the buffer the line has now, in blocks */
    int blocks() {
        return blocks;
    }
}
