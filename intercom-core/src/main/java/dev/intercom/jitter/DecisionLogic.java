package dev.intercom.jitter;

/**
 * Chooses one {@link PlayoutOperation} per block from the playout delay, its target and its
 * ceiling. A late wake-up or a late packet only ever makes the delay look <em>longer</em>, so a
 * surplus counts only if the minimum over the last {@link #WINDOW_SECONDS} s shows it: it is
 * real and has lasted. A deficit is judged on the margin (the delay less the audio already
 * read ahead of the ring), and only if the largest recent margin shows it.
 *
 * <ul>
 *   <li>Above the ceiling ({@code --jitter-max}, or four blocks above the target where the
 *       target comes that close to it): drop at once.
 *   <li>A lasting surplus of at least {@link #DROP_SURPLUS_SECONDS} s or four blocks (a stall's backlog): drop it.
 *   <li>A lasting surplus of at least a packet (or a pitch period, if longer): accelerate. A
 *       small one counts above the highest target of the window ({@link #surplus}).
 *   <li>While delay that an underrun's hold added is owed, a lasting surplus of a millisecond
 *       and a little is enough; so it is where the block played straddles two packets by a
 *       millisecond or more, cut no further than the straddle ({@link #toShed}): accelerate.
 *   <li>A deficit: expand.
 * </ul>
 * A surplus smaller than a packet is left alone, so a clean stream plays bit-exact: where
 * packets arrive in the poll cycle puts up to a packet above the target, and that much is not
 * ours to take. A stall's hold is: it adds a whole block, and a stream whose delay was near the
 * target would keep that block (measured on PulseAudio at block 256: 6 ms more latency for the
 * rest of the session after one capture hiccup) if it had to exceed a packet.
 */
final class DecisionLogic {

    /**
     * The least that is cut where the surplus is ours to take whatever its size (a hold's, or a
     * straddle's, which costs no margin): less is not worth a search. Not a pitch period: a
     * block of 128 (2.67 ms) is under a period and its margin, and then only quiet audio (cut
     * by any amount) can take it back; voiced audio refuses, and is asked again later.
     */
    static final double MIN_FREE_CUT_SECONDS = 0.001;
    /** The surplus must last this long before it is shed. */
    static final double WINDOW_SECONDS = 0.25;
    /** A lasting surplus of this many seconds (or four blocks, if longer) is dropped rather than accelerated. */
    static final double DROP_SURPLUS_SECONDS = 0.1;
    /** A surplus this many times the smallest shed is measured against the target now, not the recent one. */
    static final double LARGE_SURPLUS = 2;

    private final int blockFrames;
    private final double hysteresisFrames;
    private final double dropSurplusFrames;
    private final double ceilingFrames;
    private final int minPeriodFrames;
    private final double minFreeCutFrames;
    private int packetFrames;

    /**
     * @param blockFrames     frames per poll
     * @param sampleRate      frames per second
     * @param ceilingFrames   the highest delay allowed ({@code --jitter-max}), in frames
     * @param minPeriodFrames the shortest stretch one accelerate of voiced audio removes
     */
    DecisionLogic(int blockFrames, int sampleRate, double ceilingFrames, int minPeriodFrames) {
        this.blockFrames = blockFrames;
        this.hysteresisFrames = sampleRate / 4000.0; // a quarter of a millisecond
        this.dropSurplusFrames = Math.max(4.0 * blockFrames, DROP_SURPLUS_SECONDS * sampleRate);
        this.ceilingFrames = ceilingFrames;
        this.minPeriodFrames = minPeriodFrames;
        this.minFreeCutFrames = MIN_FREE_CUT_SECONDS * sampleRate;
        this.packetFrames = blockFrames;
    }

    /** Aligns decisions with a stream whose packets hold {@code frames} frames each. */
    void packetFrames(int frames) {
        this.packetFrames = frames;
    }

    /**
     * The surplus to shed: above the current target if it is large, else above the highest
     * target of the window over which the delay's minimum is taken, so that both are judged
     * over the same time. An adaptive target that has just fallen a little (its histogram
     * forgot a burst of jitter) often rises again with the next burst; audio shed in between
     * comes back as late packets and an expand. A large surplus (a stall's backlog, a path that
     * got faster) is not held back.
     *
     * @param delayMin           the lasting delay
     * @param targetFrames       the target now
     * @param recentTargetFrames the highest target over {@link DelayManager#TARGET_MEMORY_SECONDS}
     * @return the surplus, in frames (negative: none)
     */
    double surplus(double delayMin, double targetFrames, double recentTargetFrames) {
        return isLarge(delayMin, targetFrames) ? delayMin - targetFrames : delayMin - recentTargetFrames;
    }

    /**
     * @return whether the lasting delay is so far above the target (a stall's backlog, a path
     *     that got faster) that it is shed at once rather than gradually, and against the target now
     */
    boolean isLarge(double delayMin, double targetFrames) {
        return delayMin - targetFrames >= LARGE_SURPLUS * shedSurplusFrames();
    }

    /** @return the margin kept between the delay and the target, in frames */
    double hysteresisFrames() {
        return hysteresisFrames;
    }

    /** @return the smallest lasting surplus that is shed */
    double shedSurplusFrames() {
        return Math.max(packetFrames, minPeriodFrames) + 3 * hysteresisFrames;
    }

    /** @return the smallest lasting surplus that is shed where it is ours to take whatever its size */
    double shedOursFrames() {
        return minFreeCutFrames + 3 * hysteresisFrames;
    }

    /**
     * @param owedFrames delay an underrun's hold added that has not been shed yet
     * @param freeFrames how far the block played reaches into a packet that begins after it:
     *                   delay above the margin for late packets, which a cut up to that long
     *                   takes back without moving the margin
     * @return the smallest lasting surplus to shed now
     */
    double smallestShed(double owedFrames, double freeFrames) {
        // Quiet audio is cut by any amount; voiced audio whose period is longer than what may be
        // cut refuses, and the buffer asks again only after a while.
        boolean ours = owedFrames > 0 || freeFrames >= minFreeCutFrames;
        return ours ? Math.min(shedSurplusFrames(), shedOursFrames()) : shedSurplusFrames();
    }

    /**
     * The surplus an accelerate may cut. A cut that ends inside a packet costs the margin a
     * whole packet (the block then needs the packet after), so a surplus under a packet and a
     * little is cut only as far as the block already straddles: the delay falls, the margin
     * stays. Where a cut of a packet leaves a partial one (cuts go by pitch periods), this
     * takes the rest back at the next chance; before, it stayed above the margin for good
     * (measured: 111 of 256 frames, 2.3 ms, at block 256 after one cut).
     *
     * @return the surplus to shed, in frames
     */
    double toShed(double delayMin, double targetFrames, double recentTargetFrames, double owedFrames,
            double freeFrames) {
        double surplus = surplus(delayMin, targetFrames, recentTargetFrames);
        if (surplus >= shedSurplusFrames() || owedFrames > 0) {
            return surplus;
        }
        return Math.min(surplus, freeFrames + hysteresisFrames);
    }

    /**
     * @return the highest delay allowed with {@code targetFrames} as the target: the ceiling,
     *     or four blocks above the target where the target comes that close to it
     */
    double ceilingFrames(double targetFrames) {
        return Math.max(ceilingFrames, targetFrames + 4.0 * blockFrames);
    }

    /**
     * @param delayNow     the delay measured now, in frames
     * @param delayMin     the minimum delay over the window, NaN until the window is full
     * @param margin       the largest recent margin for late packets (the delay less the audio
     *                     already read ahead), in frames
     * @param targetFrames the target delay
     * @param owedFrames   delay an underrun's hold added that has not been shed yet
     * @param freeFrames   delay above the margin that a cut within the packet takes back
     * @param mayStretch   whether enough audio has been played since the last accelerate or expand
     * @return what to do with the next block
     */
    PlayoutOperation decide(double delayNow, double delayMin, double margin, double targetFrames,
            double recentTargetFrames, double owedFrames, double freeFrames, boolean mayStretch) {
        if (delayNow > ceilingFrames(targetFrames) + hysteresisFrames) {
            return PlayoutOperation.DROP;
        }
        if (!Double.isNaN(delayMin)) {
            double surplus = surplus(delayMin, targetFrames, recentTargetFrames);
            if (surplus >= dropSurplusFrames) {
                return PlayoutOperation.DROP;
            }
            if (surplus >= smallestShed(owedFrames, freeFrames) && mayStretch) {
                return PlayoutOperation.ACCELERATE;
            }
        }
        if (margin < targetFrames - hysteresisFrames && mayStretch) {
            return PlayoutOperation.PREEMPTIVE_EXPAND;
        }
        return PlayoutOperation.PLAY;
    }
}
