package dev.intercom.jitter;

import java.util.TreeMap;

/**
 * A frame source for tests: keeps the blocks a {@link VirtualLink} sends, as a decoder keeps
 * encoded packets, and "decodes" them (to {@link VirtualLink#samples}) only when the buffer asks,
 * in order, recording how far ahead of the read position it was ever asked. A missing block
 * with later ones waiting is replaced, when given up, by frames of {@link #MADE_UP}, as the
 * codec's concealment would.
 */
final class WaitingSource implements FrameSource {

    /** The sample value of made-up frames. */
    static final short MADE_UP = -777;

    private final int blockFrames;
    private final TreeMap<Long, Long> waiting = new TreeMap<>(); // block number -> arrival
    private long next;
    private long furthestAheadFrames;
    private int givenUp;

    WaitingSource(int blockFrames) {
        this.blockFrames = blockFrames;
    }

    void keep(long block, long arrivalNanos) {
        waiting.put(block, arrivalNanos);
    }

    long furthestAheadFrames() {
        return furthestAheadFrames;
    }

    int givenUp() {
        return givenUp;
    }

    @Override
    public void produce(long from, long upTo, Missing missing, Output into) {
        furthestAheadFrames = Math.max(furthestAheadFrames, (upTo - from) & 0xFFFF_FFFFL);
        while (true) {
            long timestamp = (VirtualLink.FIRST_TIMESTAMP + next * blockFrames) & 0xFFFF_FFFFL;
            if (((timestamp - upTo) & 0xFFFF_FFFFL) < (1L << 31)) {
                return; // at or after upTo
            }
            Long arrival = waiting.remove(next);
            if (arrival != null) {
                into.produced(timestamp, VirtualLink.samples(next * blockFrames, blockFrames, 1), blockFrames,
                        Kind.RECEIVED, arrival);
            } else if (!waiting.isEmpty() && missing == Missing.REPLACE) {
                short[] madeUp = new short[blockFrames];
                java.util.Arrays.fill(madeUp, MADE_UP);
                into.produced(timestamp, madeUp, blockFrames, Kind.CONCEALED, 0);
                givenUp++;
            } else if (!waiting.isEmpty() && missing == Missing.RECOVER_ONLY) {
                givenUp++; // no FEC here: skipped, the buffer concealed the outage
            } else {
                return;
            }
            next++;
        }
    }
}
