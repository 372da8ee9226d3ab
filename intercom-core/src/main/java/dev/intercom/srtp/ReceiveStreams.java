package dev.intercom.srtp;

/**
 * The receiver's per-SSRC replay windows (and through them the highest index, hence the rollover
 * counter). A small fixed table allocated once: when a packet of a new SSRC authenticates and the
 * table is full, the stream used least recently gives up its slot.
 *
 * <p>Not thread-safe.
 */
final class ReceiveStreams {

    private final long[] ssrcs;
    private final long[] lastUse;
    private final ReplayWindow[] windows;
    private int count;
    private long clock;

    /**
     * @param capacity   SSRCs tracked at once
     * @param windowSize replay window size per SSRC, a power of two >= 64
     */
    ReceiveStreams(int capacity, int windowSize) {
        ssrcs = new long[capacity];
        lastUse = new long[capacity];
        windows = new ReplayWindow[capacity];
        for (int i = 0; i < capacity; i++) {
            windows[i] = new ReplayWindow(windowSize);
        }
    }

    /**
     * @param ssrc an SSRC, 0..2^32-1
     * @return its replay window, or null if it has none (a stream not yet authenticated)
     */
    ReplayWindow find(long ssrc) {
        for (int i = 0; i < count; i++) {
            if (ssrcs[i] == ssrc) {
                return windows[i];
            }
        }
        return null;
    }

    /**
     * Returns the window of an authenticated packet's SSRC, creating it if needed, and marks the
     * stream as used now.
     *
     * @param ssrc an SSRC whose packet just authenticated
     * @return its window; empty if the stream is new here
     */
    ReplayWindow claim(long ssrc) {
        int slot = -1;
        for (int i = 0; i < count; i++) {
            if (ssrcs[i] == ssrc) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            slot = count < ssrcs.length ? count++ : leastRecentlyUsed();
            ssrcs[slot] = ssrc;
            windows[slot].reset();
        }
        lastUse[slot] = ++clock;
        return windows[slot];
    }

    private int leastRecentlyUsed() {
        int oldest = 0;
        for (int i = 1; i < count; i++) {
            if (lastUse[i] < lastUse[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }
}
