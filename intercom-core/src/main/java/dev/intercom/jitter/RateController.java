package dev.intercom.jitter;

/**
 * Keeps the playout delay within a packet above its target by reading the ring slightly
 * faster or slower than real time, in <em>episodes</em> that each shift the read position by a
 * whole number of the sender's packets. Whole packets matter: the sender's packets are blocks, and a read that
 * ends on a packet boundary needs only the packet it reads, while a read that straddles two
 * needs the later one too; an episode moves the delay and the straddle together, so the margin
 * for late packets never shrinks, and when the episode ends the reads are aligned again.
 *
 * <ul>
 *   <li>Surplus of at least a packet (a stall that was played out late, a sender clock running
 *       fast, a target that fell): shed {@code k} packets, 0.5% faster per block's worth, at
 *       most 4%.
 *   <li>Delay just above the target (a sender clock running slow): gain one packet at 0.5% slower.
 *   <li>Delay below the target (the target rose): the buffer stretches at once instead (it
 *       conceals one block and holds its position), see {@link #shouldStretch}; an episode
 *       under way is abandoned and the read position put back on a packet boundary.
 * </ul>
 * Between episodes the step is exactly 1 and a clean stream plays bit-exact. A resampling of
 * 0.5% changes pitch by less than a tenth of a semitone and does not click.
 */
final class RateController {

    static final double GENTLE = 0.005;
    static final double MAX_SPEED_UP = 0.04;

    private final int blockFrames;
    private final double hysteresisFrames;
    /** The sender's packet size: episodes move the read position by whole packets. */
    private int packetFrames;
    private int remaining;
    private double episodeStep = 1;
    private boolean episodeEnded;

    /**
     * @param blockFrames frames per poll
     * @param sampleRate  frames per second
     */
    RateController(int blockFrames, int sampleRate) {
        this.blockFrames = blockFrames;
        this.packetFrames = blockFrames;
        this.hysteresisFrames = sampleRate / 4000.0; // a quarter of a millisecond
    }

    /** Aligns episodes with a new stream whose packets hold {@code frames} frames each. */
    void packetFrames(int frames) {
        this.packetFrames = frames;
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
        return surplusFrames < -hysteresisFrames;
    }

    /**
     * @param surplusFrames playout delay minus target, in frames
     * @return source frames to read per output frame for this poll
     */
    double step(double surplusFrames) {
        episodeEnded = false;
        if (remaining == 0) {
            if (surplusFrames >= packetFrames + 3 * hysteresisFrames) {
                int shed = (int) Math.floor((surplusFrames - hysteresisFrames) / packetFrames);
                double rate = Math.min(MAX_SPEED_UP, GENTLE * shed * packetFrames / blockFrames);
                start(shed * packetFrames, rate);
            } else if (surplusFrames < hysteresisFrames) {
                start(-packetFrames, GENTLE);
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

    /** Starts an episode that moves the read position by {@code shiftFrames} at about {@code rate}. */
    private void start(int shiftFrames, double rate) {
        remaining = (int) Math.max(1, Math.ceil(Math.abs(shiftFrames) / (rate * blockFrames)));
        episodeStep = 1 + (double) shiftFrames / ((double) remaining * blockFrames);
    }

    /** Abandons the episode under way (the read position was moved by other means). */
    void cancel() {
        remaining = 0;
        episodeStep = 1;
    }

    /** @return whether the last step finished an episode: the read position is whole blocks on again */
    boolean episodeEnded() {
        return episodeEnded;
    }

    void reset() {
        packetFrames = blockFrames;
        remaining = 0;
        episodeStep = 1;
        episodeEnded = false;
    }
}
