package dev.intercom.impair;

/**
 * The relay's counters: one {@link DirectionStats} per direction, plus the datagrams it did
 * not relay at all. Written and read on the relay's event loop only.
 */
public final class RelayStats {

    private final DirectionStats aToB = new DirectionStats();
    private final DirectionStats bToA = new DirectionStats();
    private long foreign;
    private long early;
    private long socketErrors;

    /** @return the counters of A (the first sender) to B (the {@code --forward} address) */
    public DirectionStats aToB() {
        return aToB;
    }

    /** @return the counters of B to A */
    public DirectionStats bToA() {
        return bToA;
    }

    void foreign() {
        foreign++;
    }

    void early() {
        early++;
    }

    void socketError() {
        socketErrors++;
    }

    /** @return the cumulative counts */
    public Snapshot snapshot() {
        return new Snapshot(aToB.counts(), bToA.counts(), foreign, early, socketErrors);
    }

    /**
     * The relay's counts at one moment.
     *
     * @param aToB       A (the first sender) to B (the {@code --forward} address)
     * @param bToA       B to A
     * @param foreign    datagrams from neither A nor B, dropped
     * @param early      datagrams from B before A was known, dropped
     * @param socketErrors errors the socket reported (failed sends, mostly); each costs a datagram
     */
    public record Snapshot(DirectionCounts aToB, DirectionCounts bToA, long foreign, long early, long socketErrors) {
    }
}
