package dev.intercom.audio.javasound.virtual;

/**
 * The sample clock of one virtual line: how many frames the hardware has moved by a given
 * {@link System#nanoTime()}, at the nominal rate times {@code 1 + skewPpm / 1e6}. A change of
 * skew re-bases the clock at the moment it is noticed, so frames already moved stay moved.
 */
final class DeviceClock {

    /** Longest single wait, so a skew change is picked up within this time. */
    static final long MAX_WAIT_NANOS = 20_000_000L;

    private final double sampleRate;
    private double skewPpm;
    private double framesPerNano;
    private long baseNanos;
    private long baseFrame;

    DeviceClock(float sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** Starts counting from {@code atFrame} at {@code nowNanos}. */
    void start(long nowNanos, long atFrame, double skewPpm) {
        baseNanos = nowNanos;
        baseFrame = atFrame;
        setSkew(skewPpm);
    }

    /** @return the frame the hardware has reached at {@code nowNanos} (frames before it moved) */
    long frameAt(long nowNanos, double currentSkewPpm) {
        if (currentSkewPpm != skewPpm) {
            baseFrame = frameAt(nowNanos);
            baseNanos = nowNanos;
            setSkew(currentSkewPpm);
        }
        return frameAt(nowNanos);
    }

    /**
     * @return nanoseconds from {@code nowNanos} until the hardware reaches {@code frame}, at
     *     least 1 µs and at most {@link #MAX_WAIT_NANOS}, for a caller that will wait and look
     *     again
     */
    long waitNanos(long frame, long nowNanos) {
        // One extra nanosecond so floating-point rounding never leaves us a frame short.
        long at = baseNanos + (long) Math.ceil((frame - baseFrame) / framesPerNano) + 1;
        return Math.min(MAX_WAIT_NANOS, Math.max(1_000L, at - nowNanos));
    }

    private long frameAt(long nowNanos) {
        return baseFrame + (long) Math.floor((nowNanos - baseNanos) * framesPerNano);
    }

    private void setSkew(double ppm) {
        skewPpm = ppm;
        framesPerNano = sampleRate * (1 + ppm / 1e6) / 1e9;
    }
}
