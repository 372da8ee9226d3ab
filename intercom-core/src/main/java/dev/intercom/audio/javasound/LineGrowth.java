package dev.intercom.audio.javasound;

/**
 * When a playback line should be reopened with another buffer, and how large: the rule behind
 * {@code --device-buffer auto}'s growth and its way back (see {@link GrowingOutput}).
 *
 * <p>One device underrun is a moment: the machine stalled once. Two within {@link #WINDOW_NANOS}
 * are a machine whose stalls are longer than the line's buffer (measured on this VM: 16-22 ms
 * with no room on the line, then the line found empty, with 12% of the CPU time stolen by the
 * host), and they come back. Then the buffer grows by half (at least a block), up to a ceiling.
 *
 * <p>Stalls come in spells (another program starting, a backup, the host busy), and a grown
 * line costs its growth in latency for as long as it is kept: 8 ms at block 128. So a grown
 * line that has not run dry for a quiet spell ({@link #FIRST_QUIET_NANOS} at first) goes back to
 * the size it was opened with, at a moment the line holds nothing but silence if one comes
 * within another quiet spell, else then. Every change of line is itself a gap, so a machine that
 * keeps stalling must not pay one every half minute: each time the line has to grow again after
 * going back, the quiet spell doubles, up to {@link #MAX_QUIET_NANOS}. Time is passed in. One
 * thread.
 */
final class LineGrowth {

    /** Two device underruns closer than this grow the line. */
    static final long WINDOW_NANOS = 10_000_000_000L;
    /** How long a grown line must play without running dry before it goes back, at first. */
    static final long FIRST_QUIET_NANOS = 30_000_000_000L;
    /** The longest quiet spell asked for, after growing again and again: 8 minutes. */
    static final long MAX_QUIET_NANOS = 16 * FIRST_QUIET_NANOS;

    private final int openedBlocks;
    private final int maxBlocks;
    private final long maxQuietNanos;
    private long quietNanos;
    private int blocks;
    private long underrunsSeen;
    private long lastUnderrunNanos;
    private boolean underranBefore;
    /** When the line last changed or ran dry: the quiet spell counts from there. */
    private long calmSinceNanos;
    private boolean wentBackBefore;

    /**
     * @param blocks    the line buffer the line was opened with, in blocks: the size it goes back to
     * @param maxBlocks the largest buffer it may grow to, in blocks
     */
    LineGrowth(int blocks, int maxBlocks) {
        this(blocks, maxBlocks, FIRST_QUIET_NANOS, MAX_QUIET_NANOS);
    }

    /**
     * @param firstQuietNanos how long a grown line must not run dry before it goes back, at first
     * @param maxQuietNanos   the longest that wait grows to
     */
    LineGrowth(int blocks, int maxBlocks, long firstQuietNanos, long maxQuietNanos) {
        if (blocks < 2 || maxBlocks < blocks) {
            throw new IllegalArgumentException("blocks " + blocks + ", at most " + maxBlocks);
        }
        if (firstQuietNanos <= 0 || maxQuietNanos < firstQuietNanos) {
            throw new IllegalArgumentException("quiet spell " + firstQuietNanos + " ns, at most " + maxQuietNanos);
        }
        this.openedBlocks = blocks;
        this.blocks = blocks;
        this.maxBlocks = maxBlocks;
        this.quietNanos = firstQuietNanos;
        this.maxQuietNanos = maxQuietNanos;
    }

    /**
     * Notes the device's underrun count after a block was written (it rises by one at most per
     * block: the line is looked at once per block).
     *
     * @param underruns the count of device underruns so far, from 0 when the first line opened
     * @param nowNanos  the time now
     * @param silent    whether everything the line holds now is silence: a change then drops
     *                  nothing anyone would hear
     * @return the buffer, in blocks, to reopen the line with now (larger or back to the first
     *     size), or 0 to keep the line
     */
    int afterWrite(long underruns, long nowNanos, boolean silent) {
        if (underruns > underrunsSeen) {
            return afterUnderrun(underruns, nowNanos);
        }
        if (blocks == openedBlocks || nowNanos - calmSinceNanos < quietNanos) {
            return 0;
        }
        if (!silent && nowNanos - calmSinceNanos < 2 * quietNanos) {
            return 0; // a silent moment may still come: a change then is not heard
        }
        blocks = openedBlocks;
        wentBackBefore = true;
        underranBefore = false;
        calmSinceNanos = nowNanos;
        return blocks;
    }

    private int afterUnderrun(long underruns, long nowNanos) {
        boolean recurring = underranBefore && nowNanos - lastUnderrunNanos <= WINDOW_NANOS;
        underrunsSeen = underruns;
        lastUnderrunNanos = nowNanos;
        calmSinceNanos = nowNanos;
        underranBefore = true;
        if (!recurring || blocks >= maxBlocks) {
            return 0;
        }
        blocks = Math.min(maxBlocks, blocks + Math.max(1, (blocks + 1) / 2));
        underranBefore = false; // the larger line must run dry twice itself before it grows again
        if (wentBackBefore) {
            quietNanos = Math.min(maxQuietNanos, 2 * quietNanos); // this machine's stalls come back
        }
        return blocks;
    }

    /** @return the buffer the line has now, in blocks */
    int blocks() {
        return blocks;
    }

    /** @return how long the line must now play without running dry before a grown line goes back */
    long quietNanos() {
        return quietNanos;
    }
}
