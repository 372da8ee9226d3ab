package dev.intercom.jitter;

/**
 * The smallest of the values seen over a sliding window of time, in O(1) amortised per value
 * (a monotonic queue in preallocated arrays).
 *
 * <p>The playout steers by the minimum of its measured delay over the last few hundred
 * milliseconds: a late wake-up or a late packet only ever makes the delay look longer, so the
 * minimum ignores that one-sided noise, and a surplus counts only once it has lasted the whole
 * window.
 */
final class MovingMinimum {

    private final long windowNanos;
    private final long[] times;
    private final double[] values;
    private int first;
    private int size;
    /** When the first value since the window was last emptied was added; MIN_VALUE while empty. */
    private long startedNanos = Long.MIN_VALUE;

    /**
     * @param windowNanos how far back values count
     * @param maxValues   the most values the window can hold (one per poll: window / poll interval, plus slack)
     */
    MovingMinimum(long windowNanos, int maxValues) {
        this.windowNanos = windowNanos;
        this.times = new long[maxValues];
        this.values = new double[maxValues];
    }

    /**
     * @param windowSeconds how far back values count
     * @param pollNanos     the interval at which values come (one per poll)
     * @return a window sized for a value per poll, with room for polls that bunch up
     */
    static MovingMinimum overPolls(double windowSeconds, long pollNanos) {
        long windowNanos = (long) (windowSeconds * 1e9);
        return new MovingMinimum(windowNanos, (int) (windowNanos / pollNanos) * 4 + 16);
    }

    /** Adds {@code value} seen at {@code nowNanos} (times never go back). */
    void add(double value, long nowNanos) {
        if (startedNanos == Long.MIN_VALUE) {
            startedNanos = nowNanos;
        }
        // A newer, smaller value outlives every larger one before it: those can never be the minimum again.
        while (size > 0 && values[index(size - 1)] >= value) {
            size--;
        }
        expire(nowNanos);
        if (size == times.length) {
            first = (first + 1) % times.length; // more values than the window was sized for: forget the oldest
            size--;
        }
        int at = index(size);
        times[at] = nowNanos;
        values[at] = value;
        size++;
    }

    /** @return the smallest value of the window, or NaN if it is empty */
    double min() {
        return size == 0 ? Double.NaN : values[first];
    }

    /** @return whether values have been added for at least the whole window since it was emptied */
    boolean covers(long nowNanos) {
        return startedNanos != Long.MIN_VALUE && nowNanos - startedNanos >= windowNanos;
    }

    /** Shifts every value by {@code delta}: the quantity jumped by a known amount. */
    void shift(double delta) {
        for (int i = 0; i < size; i++) {
            values[index(i)] += delta;
        }
    }

    /** Empties the window. */
    void clear() {
        first = 0;
        size = 0;
        startedNanos = Long.MIN_VALUE;
    }

    private void expire(long nowNanos) {
        while (size > 0 && nowNanos - times[first] > windowNanos) {
            first = (first + 1) % times.length;
            size--;
        }
    }

    private int index(int i) {
        return (first + i) % times.length;
    }
}
