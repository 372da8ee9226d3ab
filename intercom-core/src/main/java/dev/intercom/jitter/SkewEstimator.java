package dev.intercom.jitter;

/**
 * Estimates the skew of the sender's clock against ours from how the <em>fastest</em> transit
 * time (arrival minus RTP timestamp) moves: with a sender clock that runs fast, its timestamps
 * run ahead of our clock and the fastest transit shrinks at the skew's rate.
 *
 * <p>The fastest transit of each second of arrivals is kept for the last minute; the skew is
 * the median of the slopes between every two of those seconds at least {@value #MIN_PAIR_SECONDS}
 * s apart (Theil-Sen: a robust line through them). Queues, stalls, bursts and late wake-ups
 * only ever make transit longer, so minima are mostly blind to them, and the median ignores
 * the seconds they spoiled entirely; nothing the playout does (holding, accelerating,
 * dropping) enters at all.
 * Needs ten seconds of arrivals before it says anything. Nothing is allocated after
 * construction.
 */
final class SkewEstimator {

    private static final long SECOND_NANOS = 1_000_000_000L;
    /** One-second minima kept: a minute. */
    private static final int SECONDS = 60;
    /** Seconds of arrivals needed before the estimate is given. */
    private static final int MIN_SECONDS = 10;
    /** Two seconds closer than this give too coarse a slope to count. */
    private static final int MIN_PAIR_SECONDS = 3;

    private final double framesPerNano;
    /** A change of the fastest transit beyond this (10 s) is a new timeline, not a clock. */
    private final double maxJumpFrames;
    private final long[] secondStart = new long[SECONDS];
    private final double[] secondMin = new double[SECONDS];
    /** Slopes between pairs of seconds, for the median; preallocated. */
    private final double[] slopes = new double[SECONDS * SECONDS / 2];
    private int seconds;
    private int next;
    private long currentStart = Long.MIN_VALUE;
    private double currentMin = Double.POSITIVE_INFINITY;

    /** @param sampleRate frames per second of the stream's timestamps */
    SkewEstimator(int sampleRate) {
        this.framesPerNano = sampleRate / 1e9;
        this.maxJumpFrames = 10.0 * sampleRate;
    }

    /** Forgets everything: a new stream has begun. */
    void reset() {
        seconds = 0;
        next = 0;
        currentStart = Long.MIN_VALUE;
        currentMin = Double.POSITIVE_INFINITY;
    }

    /**
     * Folds in one packet.
     *
     * @param timestamp extended RTP timestamp of its first frame
     * @param nowNanos  its arrival time
     */
    void arrived(long timestamp, long nowNanos) {
        double transit = nowNanos * framesPerNano - timestamp;
        if (seconds > 0 && Math.abs(transit - secondMin[(next - 1 + SECONDS) % SECONDS]) > maxJumpFrames) {
            reset(); // the timestamps jumped (a sender restarted with new ones): not a clock
        }
        if (currentStart == Long.MIN_VALUE || nowNanos - currentStart >= SECOND_NANOS) {
            if (currentStart != Long.MIN_VALUE) {
                secondStart[next] = currentStart;
                secondMin[next] = currentMin;
                next = (next + 1) % SECONDS;
                seconds = Math.min(SECONDS, seconds + 1);
            }
            currentStart = nowNanos;
            currentMin = Double.POSITIVE_INFINITY;
        }
        currentMin = Math.min(currentMin, transit);
    }

    /** @return the skew in ppm (positive: the sender's clock runs fast), or NaN before ten seconds */
    double skewPpm() {
        if (seconds < MIN_SECONDS) {
            return Double.NaN;
        }
        int oldest = (next - seconds + SECONDS) % SECONDS;
        int count = 0;
        for (int i = 0; i < seconds; i++) {
            int a = (oldest + i) % SECONDS;
            for (int j = i + MIN_PAIR_SECONDS; j < seconds; j++) {
                int b = (oldest + j) % SECONDS;
                double elapsedFrames = (secondStart[b] - secondStart[a]) * framesPerNano;
                slopes[count++] = (secondMin[b] - secondMin[a]) / elapsedFrames;
            }
        }
        // The fastest transit shrinks as fast as the sender's clock gains on ours.
        return -median(slopes, count) * 1e6;
    }

    /** The median of {@code values[0 .. count)}, found in place (Hoare's selection). */
    private static double median(double[] values, int count) {
        int k = count / 2;
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            double pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return values[k];
    }
}
