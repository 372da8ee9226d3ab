package dev.intercom.impair;

import java.util.SplittableRandom;

/**
 * Bursty loss from a two-state Markov chain (the Gilbert-Elliott model in its simple Gilbert
 * form): in the good state every datagram passes, in the bad state every datagram is lost.
 * After each datagram the chain moves good to bad with probability {@code q} and bad to good
 * with probability {@code r}. A run of losses then lasts {@code 1/r} datagrams on average and
 * the chain is bad a fraction {@code q/(q+r)} of the time, so {@code r = 1/burst} and
 * {@code q = loss * r / (1 - loss)} give the asked-for mean burst and long-run loss rate.
 * A mean burst of 1 means isolated losses: never two in a row.
 *
 * <p>Takes exactly one random number per datagram, so the n-th decision depends only on the
 * seed and n.
 */
public final class GilbertElliottLoss {

    private final SplittableRandom random;
    private final double goodToBad;
    private final double badToGood;
    private boolean bad;

    /**
     * @param lossRate  long-run fraction lost, 0 to {@code meanBurst / (meanBurst + 1)}
     * @param meanBurst mean number of datagrams lost in a row, at least 1
     * @param random    this model's own random stream
     */
    public GilbertElliottLoss(double lossRate, double meanBurst, SplittableRandom random) {
        if (!(meanBurst >= 1) || !(lossRate >= 0 && lossRate <= meanBurst / (meanBurst + 1) + 1e-12)) {
            throw new IllegalArgumentException("loss " + lossRate + " with mean burst " + meanBurst + " is not reachable");
        }
        this.random = random;
        this.badToGood = 1 / meanBurst;
        this.goodToBad = Math.min(1, lossRate * badToGood / (1 - lossRate));
    }

    /** @return the probability of moving from the good state (passing) to the bad one (losing) */
    public double goodToBad() {
        return goodToBad;
    }

    /** @return the probability of moving from the bad state back to the good one */
    public double badToGood() {
        return badToGood;
    }

    /** @return whether the next datagram is lost */
    public boolean nextLost() {
        double u = random.nextDouble();
        bad = bad ? u >= badToGood : u < goodToBad;
        return bad;
    }
}
