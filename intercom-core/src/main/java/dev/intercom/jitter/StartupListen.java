package dev.intercom.jitter;

/**
 * Listens to the session's first stream before it is played: its first packets are often
 * held up (address resolution, the sender's JIT, a capture device draining the backlog it held
 * when it opened), and playout anchored on them would keep that much too much delay. Playout
 * waits while the fastest transit is still falling: at least the start-up time after the first
 * packet, and up to twice that while the fastest transit keeps falling by more than a
 * millisecond, so it begins within twice the start-up time.
 *
 * <p>Only the first stream of a session is listened to; a stream that follows (a resync, a
 * sender back from a pause) starts at once.
 */
final class StartupListen {

    private enum State { WAITING_FOR_FIRST_PACKET, LISTENING, OVER }

    private final long startupNanos;
    private final double settledFrames;
    private State state;
    private long firstArrivalNanos;
    /** The fastest transit when it last fell by more than {@link #settledFrames}, and when. */
    private double lastFallFrames = Double.POSITIVE_INFINITY;
    private long lastFallNanos;

    /**
     * @param startupNanos how long to listen at least; 0 plays the first stream at once
     * @param sampleRate   frames per second
     */
    StartupListen(long startupNanos, int sampleRate) {
        this.startupNanos = startupNanos;
        this.settledFrames = sampleRate / 1000.0;
        this.state = startupNanos > 0 ? State.WAITING_FOR_FIRST_PACKET : State.OVER;
    }

    /** Notes a packet's arrival: the first one starts the listening. */
    void arrived(long nowNanos) {
        if (state == State.WAITING_FOR_FIRST_PACKET) {
            state = State.LISTENING;
            firstArrivalNanos = nowNanos;
        }
    }

    /** What the listen says at a poll. */
    enum Verdict {
        /** Go on listening: do not play yet. */
        LISTEN,
        /**
         * Go on listening, and forget the delays heard so far: the fastest transit just fell,
         * so they were the warm-up's (slow, scattered packets), not the network's.
         */
        FASTER,
        /** The listen ended at this poll: the delays heard since the packets last got faster set the target. */
        ENDED_NOW,
        /** Nothing to listen to (any more): play when due. */
        OVER
    }

    /**
     * @param fastestTransitFrames the fastest transit seen so far
     * @return whether to go on listening (and whether what was heard is stale), or that the listen just ended
     */
    Verdict check(double fastestTransitFrames, long nowNanos) {
        if (state != State.LISTENING) {
            return Verdict.OVER;
        }
        boolean fell = fastestTransitFrames < lastFallFrames - settledFrames;
        if (fell) {
            lastFallFrames = fastestTransitFrames;
            lastFallNanos = nowNanos;
        }
        long listened = nowNanos - firstArrivalNanos;
        if (listened < startupNanos || listened < 2 * startupNanos && nowNanos - lastFallNanos < startupNanos / 2) {
            return fell ? Verdict.FASTER : Verdict.LISTEN;
        }
        state = State.OVER;
        return Verdict.ENDED_NOW;
    }
}
