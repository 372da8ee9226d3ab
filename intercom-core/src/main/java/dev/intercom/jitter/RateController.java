package dev.intercom.jitter;

/**
 * Keeps the playout delay within a block above its target by reading the ring slightly
 * faster or slower than real time, in <em>episodes</em> that each shift the read position by a
 * whole number of blocks. Whole blocks matter: the sender's packets are blocks, and a read that
 * ends on a packet boundary needs only the packet it reads, while a read that straddles two
 * needs the later one too; an episode moves the delay and the straddle together, so the margin
 * for late packets never shrinks, and when the episode ends the reads are aligned again.
 *
 * <ul>
 *   <li>Surplus of at least a block (a stall that was played out late, a sender clock running
 *       fast, a target that fell): shed {@code k} blocks at {@code 0.5% * k}, at most 4%, faster.
 *   <li>Delay just above the target (a sender clock running slow): gain one block at 0.5% slower.
 *   <li>Delay below the target (the target rose): the buffer stretches at once instead (it
 *       conceals one block and holds its position), see {@link #shouldStretch}.
 * </ul>
 * Between episodes the step is exactly 1 and a clean stream plays bit-exact. A resampling of
 * 0.5% changes pitch by less than a tenth of a semitone and does not click.
 */
final class RateController {

    static final double GENTLE = 0.005;
    static final double MAX_SPEED_UP = 0.04;

    private final int blockFrames;
    private final double hysteresisFrames;
    private int remaining;
    private double episodeStep = 1;
    private boolean episodeEnded;

    /**
     * @param blockFrames frames per poll, and the sender's packet size the episodes align with
     * @param sampleRate  frames per second
     */
    RateController(int blockFrames, int sampleRate) {
        this.blockFrames = blockFrames;
        this.hysteresisFrames = sampleRate / 4000.0; // a quarter of a millisecond
    }

    /** @return the margin kept between the delay and the target, in frames */
    double hysteresisFrames() {
        return hysteresisFrames;
    }

    /**
     * @param surplusFrames playout delay minus target
     * @return whether the delay is so far below the target that a block should be inserted now
     */
    boolean shouldStretch(double surplusFrames) {
        return remaining == 0 && surplusFrames < -hysteresisFrames;
    }

    /**
     * @param surplusFrames playout delay minus target, in frames
     * @return source frames to read per output frame for this poll
     */
    double step(double surplusFrames) {
        episodeEnded = false;
        if (remaining == 0) {
            if (surplusFrames >= blockFrames + 3 * hysteresisFrames) {
                int shed = (int) Math.floor((surplusFrames - hysteresisFrames) / blockFrames);
                double rate = Math.min(MAX_SPEED_UP, GENTLE * shed);
                start(shed, (int) Math.ceil(shed / rate));
            } else if (surplusFrames < hysteresisFrames) {
                start(-1, (int) Math.ceil(1 / GENTLE));
            }
        }
        double step = 1;
        if (remaining > 0) {
            step = episodeStep;
            remaining--;
            episodeEnded = remaining == 0;
        }
        return step;
    }

    private void start(int blocks, int polls) {
        remaining = polls;
        episodeStep = 1 + (double) blocks / polls;
    }

    /** @return whether the last step finished an episode: the read position is whole blocks on again */
    boolean episodeEnded() {
        return episodeEnded;
    }

    /** @return whether an episode is under way */
    boolean busy() {
        return remaining > 0;
    }

    void reset() {
        remaining = 0;
        episodeStep = 1;
        episodeEnded = false;
    }
}
