package dev.intercom.impair;

import java.util.SplittableRandom;

/**
 * When the link stalls. Stalls of a fixed length come at random, on average one every
 * {@code meanPeriod} from start to start: the time from one stall's end to the next one's
 * start is exponential with mean {@code meanPeriod - stall}. A datagram that would start
 * crossing the link during a stall waits for its end; the ones behind it queue up and leave
 * in their order, so the delay jumps by up to the stall and drains back, like the sawtooth of a
 * Wi-Fi retransmission burst or a route change. The schedule is a function of the seed and of
 * the time since {@code originNanos} only.
 *
 * <p>Queries must come in non-decreasing time order (the link's clock only goes forward).
 */
public final class SpikeSchedule {

    private final long stallNanos;
    private final double meanGapNanos;
    private final SplittableRandom random;
    private long stallStart;
    private long stallEnd;

    /**
     * @param stallNanos      how long each stall lasts
     * @param meanPeriodNanos mean time from one stall's start to the next's; longer than the stall
     * @param random          this schedule's own random stream
     * @param originNanos     when the link starts; the first stall comes a random gap after it
     */
    public SpikeSchedule(long stallNanos, long meanPeriodNanos, SplittableRandom random, long originNanos) {
        if (stallNanos <= 0 || meanPeriodNanos <= stallNanos) {
            throw new IllegalArgumentException("a stall of " + stallNanos + " ns cannot come every " + meanPeriodNanos + " ns");
        }
        this.stallNanos = stallNanos;
        this.meanGapNanos = meanPeriodNanos - stallNanos;
        this.random = random;
        scheduleAfter(originNanos);
    }

    private void scheduleAfter(long time) {
        double gap = -meanGapNanos * Math.log(1 - random.nextDouble());
        stallStart = time + Math.round(gap);
        stallEnd = stallStart + stallNanos;
    }

    /**
     * @param time when a datagram would start crossing the link
     * @return {@code time}, or the end of the stall it falls in
     */
    public long clear(long time) {
        while (stallEnd <= time) {
            scheduleAfter(stallEnd);
        }
        return time >= stallStart ? stallEnd : time;
    }

    /** @return the start of the current or next stall (for tests and logs) */
    public long nextStallStart() {
        return stallStart;
    }
}
