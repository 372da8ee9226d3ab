package dev.intercom.impair;

import java.util.SplittableRandom;

/**
 * The path delay of one datagram: a fixed part plus a random part drawn from a
 * {@link JitterDistribution} whose mean is the jitter asked for. Delays are drawn independently
 * for each datagram, so a jitter larger than the spacing of the datagrams reorders some of
 * them, as {@code netem} does.
 *
 * <p>Takes exactly one random number per datagram, so the n-th delay depends only on the seed
 * and n.
 */
public final class DelayModel {

    private final long baseNanos;
    private final double meanJitterNanos;
    private final JitterDistribution distribution;
    private final SplittableRandom random;

    /**
     * @param baseNanos       the fixed delay
     * @param meanJitterNanos the mean of the random delay on top
     * @param distribution    the shape of the random delay
     * @param random          this model's own random stream
     */
    public DelayModel(long baseNanos, long meanJitterNanos, JitterDistribution distribution, SplittableRandom random) {
        this.baseNanos = baseNanos;
        this.meanJitterNanos = meanJitterNanos;
        this.distribution = distribution;
        this.random = random;
    }

    /** @return the next datagram's path delay in nanoseconds: the fixed part plus the jitter */
    public long nextDelayNanos() {
        double u = random.nextDouble();
        return baseNanos + Math.round(distribution.sample(u, meanJitterNanos));
    }
}
