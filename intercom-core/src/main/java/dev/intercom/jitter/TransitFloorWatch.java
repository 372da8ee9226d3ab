package dev.intercom.jitter;

/**
 * Tells a path that got slower from packets that came late. A packet whose transit time
 * jumps by more than {@value #JUMP_MILLIS} ms over the one before starts a probation: the
 * packets of the next {@value #PROBATION_MILLIS} ms are held back from the delay histogram. If
 * even the fastest of them came more than {@value #STEP_MILLIS} ms slower than the fastest
 * transit before the jump, the floor itself moved (a sender that lost what it did not capture
 * while stalled, a route that changed), and stayed level there, their delays count from the
 * new floor. Otherwise (a queue that drained, a backlog, an airtime stall) the fastest of them
 * is back at the old floor, or still falling towards it, and they count as they are, late.
 *
 * <p>Without this a step of 170 ms read as 170 ms of jitter for the ten seconds the histogram
 * takes to forget it: the target rose by the step, the playout stretched its audio by another
 * 170 ms on top of the step, and dropped it all again ten seconds later. Allocates nothing
 * after construction.
 */
final class TransitFloorWatch {

    static final double JUMP_MILLIS = 20;
    static final double PROBATION_MILLIS = 150;
    static final double STEP_MILLIS = 2;

    /** What became of one packet's transit. */
    enum Verdict {
        /** Count it now, as usual. */
        COUNT,
        /** Held back: a probation is under way. */
        HELD,
        /** The probation ended with this packet: {@link #replay} the held packets now. */
        ENDED
    }

    /** Takes one held packet back: its transit, the floor to count it from (frames), its arrival time. */
    @FunctionalInterface
    interface HeldPacket {
        void count(double transitFrames, double floorFrames, long arrivalNanos);
    }

    private final double jumpFrames;
    private final double stepFrames;
    private final long probationNanos;
    private final double[] transits;
    private final long[] arrivals;
    /** The fastest transit known when each held packet came, itself included. */
    private final double[] floors;
    private int held;
    private double previousTransit = Double.NaN;
    private double floorBefore;
    private long endsAt;

    /**
     * @param sampleRate frames per second of the transit times
     * @param maxHeld    the most packets one probation holds (it ends early when full)
     */
    TransitFloorWatch(int sampleRate, int maxHeld) {
        this.jumpFrames = JUMP_MILLIS * sampleRate / 1000.0;
        this.stepFrames = STEP_MILLIS * sampleRate / 1000.0;
        this.probationNanos = (long) (PROBATION_MILLIS * 1e6);
        this.transits = new double[maxHeld];
        this.arrivals = new long[maxHeld];
        this.floors = new double[maxHeld];
    }

    /**
     * @param transitFrames the packet's transit (arrival minus timestamp), in frames
     * @param nowNanos      its arrival
     * @param floorFrames   the fastest transit known before it
     * @return whether to count it now, hold it, or end the probation
     */
    Verdict observe(double transitFrames, long nowNanos, double floorFrames) {
        boolean jumped = transitFrames - previousTransit > jumpFrames;
        previousTransit = transitFrames;
        if (held == 0) {
            if (!jumped || Double.isInfinite(floorFrames)) {
                return Verdict.COUNT;
            }
            floorBefore = floorFrames;
            endsAt = nowNanos + probationNanos;
        }
        transits[held] = transitFrames;
        arrivals[held] = nowNanos;
        floors[held] = Math.min(floorFrames, transitFrames);
        held++;
        return nowNanos >= endsAt || held == transits.length ? Verdict.ENDED : Verdict.HELD;
    }

    /** @return the fastest transit of the packets held, in frames */
    double fastestHeld() {
        return fastest(0, held);
    }

    /**
     * @return how far the floor moved up, in frames, or 0 if the held packets were only late:
     *     the fastest came less than {@value #STEP_MILLIS} ms slower than the old floor, or the
     *     later half came faster than the earlier one by as much (a queue still draining)
     */
    double step() {
        double moved = fastestHeld() - floorBefore;
        boolean level = fastest(0, held / 2) - fastest(held / 2, held) <= stepFrames;
        return moved > stepFrames && level ? moved : 0;
    }

    private double fastest(int from, int to) {
        double fastest = Double.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) {
            fastest = Math.min(fastest, transits[i]);
        }
        return fastest;
    }

    /**
     * Hands every held packet to {@code into}, in arrival order, and ends the probation.
     *
     * @param newFloor the floor every held packet counts from after a step; NaN (no step): each
     *                 counts from the floor known when it came, as if it had not been held
     */
    void replay(HeldPacket into, double newFloor) {
        for (int i = 0; i < held; i++) {
            into.count(transits[i], Double.isNaN(newFloor) ? floors[i] : newFloor, arrivals[i]);
        }
        held = 0;
    }

    /** Forgets everything, the packets held included. */
    void reset() {
        held = 0;
        previousTransit = Double.NaN;
    }
}
