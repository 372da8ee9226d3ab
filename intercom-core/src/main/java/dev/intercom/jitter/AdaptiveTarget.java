package dev.intercom.jitter;

/**
 * The adaptive target: a high quantile of the recent relative delays. The quantile is
 * recomputed at most every {@value #RECOMPUTE_NANOS} ns, so an hour of trace simulates in
 * seconds; a target that must rise still rises within that time.
 */
final class AdaptiveTarget implements TargetPolicy {

    private static final long RECOMPUTE_NANOS = 5_000_000;

    private final double lateFraction;
    private final double minFrames;
    private final double maxFrames;
    private final double initialFrames;
    private double current;
    private long computedAt = Long.MIN_VALUE;

    AdaptiveTarget(double lateFraction, double minFrames, double maxFrames, double initialFrames) {
        this.lateFraction = lateFraction;
        this.minFrames = minFrames;
        this.maxFrames = maxFrames;
        this.initialFrames = initialFrames;
        this.current = clamp(initialFrames);
    }

    @Override
    public double targetFrames(DelayEstimator estimator, long nowNanos) {
        if (!estimator.primed()) {
            // Nothing known (a new stream, or a warm-up forgotten): the initial guess again.
            current = clamp(initialFrames);
            computedAt = Long.MIN_VALUE;
            return current;
        }
        if (computedAt == Long.MIN_VALUE || nowNanos - computedAt >= RECOMPUTE_NANOS) {
            current = clamp(estimator.quantileFrames(lateFraction));
            computedAt = nowNanos;
        }
        return current;
    }

    @Override
    public boolean adaptive() {
        return true;
    }

    private double clamp(double frames) {
        return Math.max(minFrames, Math.min(maxFrames, frames));
    }
}
