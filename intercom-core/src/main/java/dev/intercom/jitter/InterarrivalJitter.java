package dev.intercom.jitter;

/**
 * The interarrival jitter of RFC 3550 section 6.4.1: a running mean of the change in transit
 * time between consecutive packets, smoothed with gain 1/16, in RTP timestamp units.
 */
final class InterarrivalJitter {

    private final double unitsPerNano;
    private boolean primed;
    private double previousTransit;
    private double jitterUnits;

    /** @param clockRate the RTP clock rate (frames per second for L16) */
    InterarrivalJitter(int clockRate) {
        this.unitsPerNano = clockRate / 1e9;
    }

    void reset() {
        primed = false;
        jitterUnits = 0;
    }

    /** Folds in one packet with extended RTP timestamp {@code timestamp} that arrived at {@code nowNanos}. */
    void arrive(long timestamp, long nowNanos) {
        double transit = nowNanos * unitsPerNano - timestamp;
        if (primed) {
            double d = Math.abs(transit - previousTransit);
            jitterUnits += (d - jitterUnits) / 16.0;
        }
        previousTransit = transit;
        primed = true;
    }

    /** @return whether at least one packet has been seen since the last reset */
    boolean primed() {
        return primed;
    }

    /** @return the jitter estimate in RTP timestamp units */
    double jitterUnits() {
        return jitterUnits;
    }
}
