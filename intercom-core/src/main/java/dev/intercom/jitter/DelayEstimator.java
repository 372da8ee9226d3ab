package dev.intercom.jitter;

/**
 * Learns how late packets arrive. For each packet, the transit time (arrival minus RTP
 * timestamp, in frames) is compared with the smallest transit seen recently, giving its
 * <em>relative delay</em>: how much later than the fastest packet it came. Relative delays go
 * into a histogram whose old entries fade with a time constant (NetEq's idea of a forgetting
 * histogram), so a quantile of it says what buffering delay would have caught all but that
 * share of recent packets.
 *
 * <p>The fastest transit is tracked over two alternating windows, so it follows a slow drift
 * between the sender's and our clocks instead of remembering one lucky packet for ever.
 * Time is passed in; nothing allocates after construction.
 */
final class DelayEstimator {

    /** Histogram resolution: a quarter of a millisecond. */
    static final double BUCKET_MILLIS = 0.25;

    private final double framesPerNano;
    private final double framesPerBucket;
    private final double[] weights;
    private final long windowNanos;
    private final double decayPerNano;

    private final TransitFloorWatch floorWatch;
    private final TransitFloorWatch.HeldPacket counter = this::countDelay;
    /** Frames the floor moved up since {@link #takeFloorStep} was last asked. */
    private double floorStep;

    private double currentWindowMin = Double.POSITIVE_INFINITY;
    private double previousWindowMin = Double.POSITIVE_INFINITY;
    private long windowStart = Long.MIN_VALUE;

    /** Weight the next sample gets; grows with time instead of shrinking every old bucket. */
    private double increment = 1;
    private double total;
    private long incrementEpoch = Long.MIN_VALUE;
    /**
     * The highest bucket with any weight: above it every bucket is zero, so the quantile's scan
     * starts here instead of at the top of a histogram as long as the ring (8,000 buckets for two
     * seconds, which the audio thread would add up every few blocks).
     */
    private int highest;

    /**
     * @param sampleRate     frames per second of the stream's timestamps
     * @param maxDelayMillis largest relative delay told apart; larger ones count as this
     * @param forgetSeconds  time constant over which old observations fade
     * @param minWindowSeconds length of each of the two windows over which the fastest transit is kept
     */
    DelayEstimator(int sampleRate, double maxDelayMillis, double forgetSeconds, double minWindowSeconds) {
        this.framesPerNano = sampleRate / 1e9;
        this.framesPerBucket = BUCKET_MILLIS * sampleRate / 1000.0;
        this.weights = new double[(int) Math.ceil(maxDelayMillis / BUCKET_MILLIS) + 1];
        this.windowNanos = (long) (minWindowSeconds * 1e9);
        this.decayPerNano = 1.0 / (forgetSeconds * 1e9);
        // A probation holds 150 ms of packets: 1,024 is enough for packets of 7 frames at 48 kHz.
        this.floorWatch = new TransitFloorWatch(sampleRate, 1024);
    }

    /** Forgets everything: a new stream has begun. */
    void reset() {
        floorWatch.reset();
        floorStep = 0;
        java.util.Arrays.fill(weights, 0);
        highest = 0;
        total = 0;
        increment = 1;
        incrementEpoch = Long.MIN_VALUE;
        currentWindowMin = Double.POSITIVE_INFINITY;
        previousWindowMin = Double.POSITIVE_INFINITY;
        windowStart = Long.MIN_VALUE;
    }

    /**
     * Forgets the relative delays seen so far but keeps the fastest transit: the packets of a
     * warm-up came slower than the stream will, and should not hold the target up.
     */
    void forgetDelays() {
        floorWatch.reset();
        java.util.Arrays.fill(weights, 0);
        highest = 0;
        total = 0;
        increment = 1;
        incrementEpoch = Long.MIN_VALUE;
    }

    /**
     * Folds in one packet.
     *
     * @param timestamp extended RTP timestamp of its first frame
     * @param nowNanos  its arrival time
     */
    void arrive(long timestamp, long nowNanos) {
        double transit = nowNanos * framesPerNano - timestamp;
        TransitFloorWatch.Verdict verdict = floorWatch.observe(transit, nowNanos, minTransitFrames());
        // A faster packet lowers the floor at once, held or not; only its delay may wait.
        lowerFloor(transit, nowNanos);
        switch (verdict) {
            case COUNT -> countDelay(transit, minTransitFrames(), nowNanos);
            case HELD -> { } // until the probation ends
            case ENDED -> {
                double step = floorWatch.step();
                if (step > 0) {
                    // The path got slower: the fastest transit is the new floor from now on, and
                    // the held packets' delays count from it.
                    currentWindowMin = floorWatch.fastestHeld();
                    previousWindowMin = currentWindowMin;
                    floorStep += step;
                }
                floorWatch.replay(counter, step > 0 ? currentWindowMin : Double.NaN);
            }
        }
    }

    /**
     * @return how many frames the fastest transit moved up (a slower path, told from late
     *     packets) since the last call, so delays measured against the old floor can be moved
     */
    double takeFloorStep() {
        double step = floorStep;
        floorStep = 0;
        return step;
    }

    /** Keeps the fastest transit over the two windows. */
    private void lowerFloor(double transit, long nowNanos) {
        if (windowStart == Long.MIN_VALUE || nowNanos - windowStart >= windowNanos) {
            previousWindowMin = currentWindowMin;
            currentWindowMin = Double.POSITIVE_INFINITY;
            windowStart = nowNanos;
        }
        currentWindowMin = Math.min(currentWindowMin, transit);
    }

    /** Adds one packet's delay above the fastest transit {@code floor} to the histogram. */
    private void countDelay(double transit, double floor, long nowNanos) {
        double relative = transit - floor;
        int bucket = (int) Math.min(weights.length - 1, Math.max(0, Math.ceil(relative / framesPerBucket)));

        if (incrementEpoch == Long.MIN_VALUE) {
            incrementEpoch = nowNanos;
        }
        increment = Math.exp((nowNanos - incrementEpoch) * decayPerNano);
        if (increment > 1e100) {
            rescale(nowNanos);
        }
        weights[bucket] += increment;
        highest = Math.max(highest, bucket);
        total += increment;
    }

    private void rescale(long nowNanos) {
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= increment;
        }
        total /= increment;
        increment = 1;
        incrementEpoch = nowNanos;
    }

    /** @return whether any packet has been seen */
    boolean primed() {
        return total > 0;
    }

    /** @return the fastest transit (arrival minus timestamp) seen recently, in frames */
    double minTransitFrames() {
        return Math.min(currentWindowMin, previousWindowMin);
    }

    /**
     * @param lateFraction the share of packets allowed to come later than the answer (e.g. 0.005)
     * @return the smallest relative delay, in frames, that all but {@code lateFraction} of the
     *     recent packets (weighted by recency) arrived within
     */
    double quantileFrames(double lateFraction) {
        double allowed = lateFraction * total;
        double tail = 0;
        for (int b = highest; b > 0; b--) {
            tail += weights[b];
            if (tail > allowed) {
                return b * framesPerBucket;
            }
        }
        return 0;
    }
}
