package dev.intercom.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A value sampled by one thread (e.g. the frames buffered in a device at each block) whose mean
 * over a reporting interval another thread reads, without locks or allocation.
 */
public final class MeanGauge {

    private final AtomicLong sum = new AtomicLong();
    private final AtomicLong count = new AtomicLong();
    private long reportedSum;
    private long reportedCount;

    /** Records one sample; called by the single sampling thread. */
    public void record(long value) {
        sum.addAndGet(value);
        count.incrementAndGet();
    }

    /**
     * @return the mean of the samples recorded since the previous call, or NaN if none were;
     *     called by the single reporting thread
     */
    public double intervalMean() {
        long c = count.get();
        long s = sum.get();
        long dc = c - reportedCount;
        long ds = s - reportedSum;
        reportedCount = c;
        reportedSum = s;
        return dc == 0 ? Double.NaN : (double) ds / dc;
    }
}
