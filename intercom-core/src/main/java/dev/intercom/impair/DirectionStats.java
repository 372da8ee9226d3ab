package dev.intercom.impair;

/**
 * The counters of one direction, written by the one thread that runs its
 * {@link ImpairmentPipeline} and read by that same thread (the relay reports from its event
 * loop), so plain fields suffice.
 */
public final class DirectionStats {

    private long received;
    private long forwarded;
    private long lost;
    private long bursts;
    private long queueDrops;
    private long reordered;
    private long duplicated;
    private long delaySumNanos;
    private long maxDelayNanos;
    private long intervalMaxDelayNanos;

    void received() {
        received++;
    }

    void lost(boolean startsBurst) {
        lost++;
        if (startsBurst) {
            bursts++;
        }
    }

    void queueDrop() {
        queueDrops++;
    }

    void duplicated() {
        duplicated++;
    }

    void forwarded(long addedDelayNanos, boolean outOfOrder) {
        forwarded++;
        delaySumNanos += addedDelayNanos;
        maxDelayNanos = Math.max(maxDelayNanos, addedDelayNanos);
        intervalMaxDelayNanos = Math.max(intervalMaxDelayNanos, addedDelayNanos);
        if (outOfOrder) {
            reordered++;
        }
    }

    /** @return the cumulative counts */
    public DirectionCounts counts() {
        return new DirectionCounts(received, forwarded, lost, bursts, queueDrops, reordered, duplicated,
                delaySumNanos, maxDelayNanos);
    }

    /** @return the largest delay added since the last call, and starts a new interval */
    public long takeIntervalMaxDelayNanos() {
        long max = intervalMaxDelayNanos;
        intervalMaxDelayNanos = 0;
        return max;
    }
}
