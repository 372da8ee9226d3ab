package dev.intercom.impair;

/**
 * What one direction of the relay did, cumulative or over an interval. Every datagram
 * received is lost, dropped by a full queue, forwarded, or still in flight; duplicates add to
 * the forwarded ones.
 *
 * @param received       datagrams that came in
 * @param forwarded      datagrams sent on, duplicates included
 * @param lost           dropped by the loss model
 * @param bursts         runs of consecutive losses (so {@code lost / bursts} is the mean burst)
 * @param queueDrops     dropped because the bottleneck's queue or the relay's in-flight limit was full
 * @param reordered      sent after a datagram that arrived later than them
 * @param duplicated     extra copies sent
 * @param delaySumNanos  the sum over forwarded datagrams of the delay the relay added
 * @param maxDelayNanos  the largest delay added to one datagram
 */
public record DirectionCounts(long received, long forwarded, long lost, long bursts, long queueDrops,
        long reordered, long duplicated, long delaySumNanos, long maxDelayNanos) {

    /** @return the mean delay added to a forwarded datagram, in milliseconds (0 if none) */
    public double meanDelayMs() {
        return forwarded == 0 ? 0 : delaySumNanos / 1e6 / forwarded;
    }

    /** @return the largest delay added, in milliseconds */
    public double maxDelayMs() {
        return maxDelayNanos / 1e6;
    }

    /** @return lost datagrams as a percentage of those received (0 if none) */
    public double lossPercent() {
        return received == 0 ? 0 : 100.0 * lost / received;
    }

    /** @return the mean number of datagrams lost in a row (0 if none were) */
    public double meanBurst() {
        return bursts == 0 ? 0 : (double) lost / bursts;
    }

    /** @return datagrams received but neither forwarded nor dropped: still waiting for their time */
    public long inFlight() {
        return received + duplicated - forwarded - lost - queueDrops;
    }

    /**
     * @param earlier counts taken before these
     * @param intervalMaxNanos the largest delay added since {@code earlier}
     * @return what happened between {@code earlier} and these
     */
    public DirectionCounts since(DirectionCounts earlier, long intervalMaxNanos) {
        return new DirectionCounts(received - earlier.received, forwarded - earlier.forwarded, lost - earlier.lost,
                bursts - earlier.bursts, queueDrops - earlier.queueDrops, reordered - earlier.reordered,
                duplicated - earlier.duplicated, delaySumNanos - earlier.delaySumNanos, intervalMaxNanos);
    }

    /** A direction that has done nothing yet. */
    public static final DirectionCounts ZERO = new DirectionCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
