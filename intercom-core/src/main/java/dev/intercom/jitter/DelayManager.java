package dev.intercom.jitter;

/**
 * The playout delay and its target: how late packets arrive (the {@link DelayEstimator}), the
 * target the {@link TargetPolicy} sets from that, and the delay the playout actually has, kept
 * over two windows so that one-sided noise is not taken for a surplus or a deficit:
 *
 * <ul>
 *   <li>the <em>lasting</em> delay, the minimum over {@link DecisionLogic#WINDOW_SECONDS}: a late
 *       wake-up or a late packet only ever makes the delay look longer, so a surplus counts only
 *       if it lasted;
 *   <li>the <em>margin</em> for late packets (the delay less how far the block played reaches
 *       into a packet that starts after it), the largest over {@link #DEFICIT_WINDOW_SECONDS}:
 *       a deficit counts only if no recent poll was free of it, since an output that blocks
 *       delivers polls early as often as late;
 *   <li>the <em>recent target</em>, the highest over {@link #TARGET_MEMORY_SECONDS}, which a
 *       small surplus is measured against.
 * </ul>
 *
 * All in frames of the stream; time is passed in.
 */
final class DelayManager {

    /** A deficit counts only if every poll over this long showed it. */
    static final double DEFICIT_WINDOW_SECONDS = 0.05;
    /**
     * A small surplus counts above the highest target over this long (see {@link
     * DecisionLogic#surplus}): the window over which it must have lasted.
     */
    static final double TARGET_MEMORY_SECONDS = DecisionLogic.WINDOW_SECONDS;

    private final DelayEstimator estimator;
    private final TargetPolicy policy;
    private final MovingMinimum lasting;
    /** The largest recent margin, negated, so that a moving minimum keeps it. */
    private final MovingMinimum negatedMargin;
    /** The highest recent target, negated, so that a moving minimum keeps it. */
    private final MovingMinimum negatedTarget;
    private double delayNow = Double.NaN;
    private double target;

    /**
     * @param sampleRate     frames per second
     * @param maxDelayMillis the largest relative delay the estimator tells apart (the ring's length)
     * @param policy         sets the target
     * @param blockNanos     how often the playout polls
     */
    DelayManager(int sampleRate, double maxDelayMillis, TargetPolicy policy, long blockNanos) {
        // Forget delays over 2 s; the fastest transit is kept over 1..2 s, so with a sender clock
        // 500 ppm off it lags the truth by at most a millisecond.
        this.estimator = new DelayEstimator(sampleRate, maxDelayMillis, 2.0, 1.0);
        this.policy = policy;
        this.lasting = MovingMinimum.overPolls(DecisionLogic.WINDOW_SECONDS, blockNanos);
        this.negatedMargin = MovingMinimum.overPolls(DEFICIT_WINDOW_SECONDS, blockNanos);
        this.negatedTarget = MovingMinimum.overPolls(TARGET_MEMORY_SECONDS, blockNanos);
        this.target = policy.targetFrames(estimator, 0);
    }

    /** Learns from a packet's arrival: its first frame's extended timestamp, and when it came. */
    void arrived(long timestamp, long nowNanos) {
        estimator.arrive(timestamp, nowNanos);
        double step = estimator.takeFloorStep();
        if (step > 0) {
            // The delays measured so far counted from the old, faster floor: that much too long.
            lasting.shift(-step);
            delayNow -= step;
        }
    }

    /** @return the fastest transit (arrival minus timestamp) seen recently, in frames */
    double minTransitFrames() {
        return estimator.minTransitFrames();
    }

    /** Asks the policy for the target now, and keeps it. @return the target */
    double retarget(long nowNanos) {
        target = policy.targetFrames(estimator, nowNanos);
        negatedTarget.add(-target, nowNanos);
        return target;
    }

    /** @return the highest target over the last {@link #TARGET_MEMORY_SECONDS} */
    double recentTarget() {
        double highest = -negatedTarget.min();
        return Double.isNaN(highest) ? target : Math.max(target, highest);
    }

    /** @return the target last set */
    double target() {
        return target;
    }

    /** @return whether the target follows the network */
    boolean adaptive() {
        return policy.adaptive();
    }

    /**
     * Notes the delay measured at a poll, and how far the block played from there straddles
     * into a later packet (its margin is that much less).
     */
    void measured(double delayFrames, double straddleFrames, long nowNanos) {
        delayNow = delayFrames;
        lasting.add(delayFrames, nowNanos);
        negatedMargin.add(straddleFrames - delayFrames, nowNanos);
    }

    /** @return the delay measured at the last poll (moved by any operation since), NaN before */
    double now() {
        return delayNow;
    }

    /** @return the least delay over the surplus window, NaN until the window is full */
    double lasting(long nowNanos) {
        return lasting.covers(nowNanos) ? lasting.min() : Double.NaN;
    }

    /** @return the largest margin for late packets over the deficit window */
    double margin() {
        return -negatedMargin.min();
    }

    /** @return the delay to report: the lasting one where known, else the last measured */
    double reported() {
        return Double.isNaN(lasting.min()) ? delayNow : lasting.min();
    }

    /**
     * Notes that an operation of ours moved the delay by {@code frames}: the delays already
     * measured are moved with it, so a surplus or deficit is judged as if the operation had
     * always been there. A raised margin shows only as the added audio plays, so the deficit
     * window starts again.
     */
    void moved(double frames) {
        lasting.shift(frames);
        delayNow += frames;
        if (frames > 0) {
            negatedMargin.clear();
        }
    }

    /** Forgets how late the packets came (a warm-up's slow packets), keeping the fastest transit. */
    void forgetDelays() {
        estimator.forgetDelays();
        negatedTarget.clear(); // and the targets set from them
    }

    /** Forgets everything: a new stream. */
    void reset() {
        estimator.reset();
        lasting.clear();
        negatedMargin.clear();
        negatedTarget.clear();
        delayNow = Double.NaN;
    }
}
