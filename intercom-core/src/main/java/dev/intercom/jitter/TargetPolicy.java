package dev.intercom.jitter;

/**
 * Decides the playout delay the buffer aims at, in frames above the fastest packet's transit.
 * {@link #fixed} keeps what the user asked for; {@link #adaptive} follows the network.
 */
public interface TargetPolicy {

    /**
     * @param estimator what the buffer has learned about packet delays
     * @param nowNanos  the current time
     * @return the target delay in frames
     */
    double targetFrames(DelayEstimator estimator, long nowNanos);

    /** @return whether the target follows the network */
    boolean adaptive();

    /** A fixed target of {@code frames}. */
    static TargetPolicy fixed(double frames) {
        return new TargetPolicy() {
            @Override
            public double targetFrames(DelayEstimator estimator, long nowNanos) {
                return frames;
            }

            @Override
            public boolean adaptive() {
                return false;
            }
        };
    }

    /**
     * A target that lets about {@code lateFraction} of packets come too late, from the
     * forgetting histogram of recent delays: it rises as soon as a late packet lands in it and
     * falls as old delays fade. Clamped to {@code [minFrames, maxFrames]}; before any packet has
     * arrived it is {@code initialFrames}.
     */
    static TargetPolicy adaptive(double lateFraction, double minFrames, double maxFrames, double initialFrames) {
        return new AdaptiveTarget(lateFraction, minFrames, maxFrames, initialFrames);
    }
}
