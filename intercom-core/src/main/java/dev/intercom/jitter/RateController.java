package dev.intercom.jitter;

/**
 * Holds the playout delay at its target by playing slightly faster or slower: the read
 * position advances {@code step} source frames per output frame, and the audio is resampled
 * accordingly. Inside a dead band around the target the step is exactly 1, so a clean stream
 * between two equal clocks plays bit-exact; outside it, the speed changes in proportion to the
 * error (shedding a 10 ms excess at 2%, say), within {@code [1 - maxSlowDown, 1 + maxSpeedUp]},
 * until the delay is back near the target. Resampling by a fraction of a percent does not
 * click and its pitch change is far below what a listener notices; large corrections (after a
 * delay spike) use up to the speed-up limit for a few seconds.
 *
 * <p>The long-run mean of the step is the ratio of the sender's clock to our playout clock:
 * {@link #skewPpm()} reports it. Only steps taken near the target count (within twice the dead
 * band): a big correction after a start-up burst or a delay spike moves the delay, not the clock.
 */
final class RateController {

    private final double deadBandFrames;
    private final double framesPerSecondOfError;
    private final double maxSpeedUp;
    private final double maxSlowDown;
    private final double skewSmoothing;
    private boolean correcting;
    private double meanStep = 1;
    private long steps;
    private final long stepsBeforeSkewIsKnown;

    /**
     * @param deadBandFrames error within which the speed stays exactly 1
     * @param sampleRate     frames per second
     * @param responseSeconds an error of E is corrected at E per this many seconds (speed 1 + E/T)
     * @param maxSpeedUp     largest speed-up, e.g. 0.04 for 4%
     * @param maxSlowDown    largest slow-down, e.g. 0.02
     * @param blockFrames    frames per step decision, for the skew average's time constant
     */
    RateController(double deadBandFrames, int sampleRate, double responseSeconds, double maxSpeedUp,
            double maxSlowDown, int blockFrames) {
        this.deadBandFrames = deadBandFrames;
        this.framesPerSecondOfError = responseSeconds * sampleRate;
        this.maxSpeedUp = maxSpeedUp;
        this.maxSlowDown = maxSlowDown;
        // Average the step over about a minute of playout; say nothing before five seconds of it.
        this.skewSmoothing = Math.min(1.0, blockFrames / (60.0 * sampleRate));
        this.stepsBeforeSkewIsKnown = Math.max(1, 5L * sampleRate / blockFrames);
    }

    /**
     * @param errorFrames playout delay minus target, in frames (positive: too much delay)
     * @return source frames to consume per output frame
     */
    double step(double errorFrames) {
        double magnitude = Math.abs(errorFrames);
        if (!correcting && magnitude > deadBandFrames) {
            correcting = true;
        } else if (correcting && magnitude < deadBandFrames / 4) {
            correcting = false;
        }
        double step = 1;
        if (correcting) {
            double change = errorFrames / framesPerSecondOfError;
            step = 1 + Math.max(-maxSlowDown, Math.min(maxSpeedUp, change));
        }
        if (magnitude <= 2 * deadBandFrames) {
            steps++;
            meanStep += (step - meanStep) * Math.max(skewSmoothing, 1.0 / steps);
        }
        return step;
    }

    /** @return whether the last step was a correction (not exactly 1) */
    boolean correcting() {
        return correcting;
    }

    /**
     * @return the estimated skew of the sender's clock against the playout clock, in ppm, or
     *     NaN until five seconds of playout near the target have been seen
     */
    double skewPpm() {
        return steps < stepsBeforeSkewIsKnown ? Double.NaN : (meanStep - 1) * 1e6;
    }

    void reset() {
        correcting = false;
        meanStep = 1;
        steps = 0;
    }
}
