package dev.intercom.jitter;

/**
 * Finds the steps up in the lasting delay that nothing of ours made. The delay is the time now
 * less the stream position played (less the fastest transit): packets arriving late or early
 * do not move it, and our operations (cuts, expands, drops) are shifted out as they happen. So
 * a lasting step up means the playout fell behind real time: the output stopped (a sound
 * server's hiccup, a device that ran dry) while packets kept coming. A step of a block stays
 * below the smallest surplus a clean stream sheds (a packet and a little), yet it is not the
 * network's: measured on PulseAudio at block 256, a stall the output hid put 6 ms on the rest
 * of the session. The buffer owes it, as it owes what its own holds add.
 *
 * <p>A clock that runs a little fast or slow moves the delay by well under a millisecond per
 * window (4000 ppm would be needed); a step counts from {@link #MIN_STEP_SECONDS}. Time is
 * passed in; in frames of the stream.
 */
final class DelayStepWatch {

    /** The least rise over one window that counts as a step. */
    static final double MIN_STEP_SECONDS = 0.001;

    private final double minStepFrames;
    private final long windowNanos;
    private double reference = Double.NaN;
    private long referenceAtNanos;
    private double unexplained;

    /**
     * @param sampleRate  frames per second
     * @param windowNanos how long the lasting delay's minimum is taken over
     */
    DelayStepWatch(int sampleRate, long windowNanos) {
        this.minStepFrames = MIN_STEP_SECONDS * sampleRate;
        this.windowNanos = windowNanos;
    }

    /** Looks at the lasting delay ({@code NaN} while its window is not full). */
    void observe(double lastingFrames, long nowNanos) {
        if (Double.isNaN(lastingFrames)) {
            return;
        }
        if (Double.isNaN(reference) || lastingFrames < reference) {
            reference = lastingFrames; // down at once: only a rise needs the window to pass
            referenceAtNanos = nowNanos;
            return;
        }
        if (nowNanos - referenceAtNanos < windowNanos) {
            return;
        }
        if (lastingFrames - reference >= minStepFrames) {
            unexplained += lastingFrames - reference;
        }
        reference = lastingFrames;
        referenceAtNanos = nowNanos;
    }

    /** An operation of ours (or a new transit floor) moved every delay by {@code frames}. */
    void shift(double frames) {
        reference += frames;
    }

    /** @return the steps found since the last call, in frames */
    double take() {
        double steps = unexplained;
        unexplained = 0;
        return steps;
    }

    /** Forgets the reference: a new stream, or delays that are no longer comparable. */
    void reset() {
        reference = Double.NaN;
        unexplained = 0;
    }
}
