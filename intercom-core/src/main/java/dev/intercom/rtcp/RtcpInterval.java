package dev.intercom.rtcp;

import java.util.random.RandomGenerator;

/**
 * Decides when to send the next compound RTCP packet: about once per mean interval, each gap
 * drawn uniformly from 0.5 to 1.5 times the mean (RFC 3550 section 6.3.1), so peers that start
 * together do not send in lockstep. Time is passed in; nothing allocates.
 *
 * <p>With two participants and a fixed mean the RFC's bandwidth-scaled interval, its 5 s
 * minimum and its timer reconsideration do not apply; the first report goes out after half a
 * randomized interval, as the RFC halves the first interval so a new member is heard soon
 * (and here, so the first round-trip time is known soon). Not thread-safe.
 */
public final class RtcpInterval {

    /** The interval the issue asks for: about one report a second. */
    public static final long DEFAULT_MEAN_NANOS = 1_000_000_000L;

    private final long meanNanos;
    private final RandomGenerator random;
    private long nextNanos;
    private boolean started;

    /**
     * @param meanNanos mean gap between reports, positive
     * @param random    source of the randomization; seed it for reproducible schedules
     * @throws IllegalArgumentException if {@code meanNanos} is not positive
     */
    public RtcpInterval(long meanNanos, RandomGenerator random) {
        if (meanNanos <= 0) {
            throw new IllegalArgumentException(
                    "RTCP interval must be positive, got " + meanNanos + " ns");
        }
        this.meanNanos = meanNanos;
        this.random = random;
    }

    /** @return a gap drawn uniformly from [0.5, 1.5) times the mean, in nanoseconds */
    public long randomizedNanos() {
        return (long) (meanNanos * (0.5 + random.nextDouble()));
    }

    /**
     * Schedules the first report half a randomized interval from now.
     *
     * @param nowNanos now, monotonic
     */
    public void start(long nowNanos) {
        nextNanos = nowNanos + randomizedNanos() / 2;
        started = true;
    }

    /**
     * Says whether a report is due, and if so schedules the next one a randomized interval
     * from now (not from when this one was due, so a late poll does not cause a burst).
     *
     * @param nowNanos now, monotonic
     * @return whether to send a report now
     * @throws IllegalStateException if {@link #start} was not called
     */
    public boolean poll(long nowNanos) {
        if (!started) {
            throw new IllegalStateException("call start(now) before polling the RTCP interval");
        }
        if (nowNanos - nextNanos < 0) {
            return false;
        }
        nextNanos = nowNanos + randomizedNanos();
        return true;
    }

    /** @return when the next report is due, monotonic nanoseconds (after {@link #start}) */
    public long nextNanos() {
        return nextNanos;
    }

    /** @return the mean gap between reports, in nanoseconds */
    public long meanNanos() {
        return meanNanos;
    }
}
