package dev.intercom.jitter;

/**
 * Estimates the skew of the sender's clock against ours from how the <em>fastest</em> transit
 * time (arrival minus RTP timestamp) moves: with a sender clock that runs fast, its timestamps
 * run ahead of our clock and the fastest transit shrinks at the skew's rate.
 *
 * <p>The fastest transit of each second of arrivals is kept for the last minute; the skew is
 * the slope between the smallest of the oldest few seconds and the smallest of the newest
 * few. Queues, stalls, bursts and late wake-ups only ever make transit longer, so minima are
 * blind to them, and nothing the playout does (holding, accelerating, dropping) enters at all.
 * Needs ten seconds of arrivals before it says anything. Nothing is allocated after
 * construction.
 */
final class SkewEstimator {

    private static final long SECOND_NANOS = 1_000_000_000L;
    /** One-second minima kept: a minute. */
    private static final int SECONDS = 60;
    /** Minima compared at each end: enough that a second with no clean packet does not count. */
    private static final int GROUP = 5;
    /** The shortest span the estimate is given over. */
    private static final long MIN_SPAN_NANOS = 10 * SECOND_NANOS;

    private final double framesPerNano;
    private final long[] secondStart = new long[SECONDS];
    private final double[] secondMin = new double[SECONDS];
    private int seconds;
    private int next;
    private long currentStart = Long.MIN_VALUE;
    private double currentMin = Double.POSITIVE_INFINITY;

    /** @param sampleRate frames per second of the stream's timestamps */
    SkewEstimator(int sampleRate) {
        this.framesPerNano = sampleRate / 1e9;
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
        currentMin = Math.min(currentMin, nowNanos * framesPerNano - timestamp);
    }

    /** @return the skew in ppm (positive: the sender's clock runs fast), or NaN before ten seconds */
    double skewPpm() {
        if (seconds < 2 * GROUP) {
            return Double.NaN;
        }
        int oldest = (next - seconds + SECONDS) % SECONDS;
        int newestGroup = (next - GROUP + SECONDS) % SECONDS;
        long oldStart = secondStart[oldest];
        long newStart = secondStart[newestGroup];
        if (newStart - oldStart < MIN_SPAN_NANOS - GROUP * SECOND_NANOS) {
            return Double.NaN;
        }
        double transitChange = groupMin(newestGroup) - groupMin(oldest);
        double elapsedFrames = (newStart - oldStart) * framesPerNano;
        return -transitChange / elapsedFrames * 1e6;
    }

    private double groupMin(int first) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < GROUP; i++) {
            min = Math.min(min, secondMin[(first + i) % SECONDS]);
        }
        return min;
    }
}
