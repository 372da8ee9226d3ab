package dev.intercom.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The level of an audio stream over a reporting interval: the peak and the RMS of its samples,
 * in dBFS, so a user sees at a glance that the microphone works and that the peer is heard.
 * One thread adds blocks (the capture or the playout thread), another takes the interval's
 * figures; adding allocates nothing and takes no lock.
 */
public final class LevelMeter {

    /** What digital silence reads as: below anything a 16-bit signal other than zero can reach (-96 dBFS). */
    public static final double FLOOR_DBFS = -120;
    private static final double FULL_SCALE = 32_768.0;

    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong sumSquares = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();

    /** Adds the first {@code count} samples of {@code block}. */
    public void add(short[] block, int count) {
        int max = 0;
        long squares = 0; // at most 2^30 per sample: a block of 2^33 samples before this could overflow
        for (int i = 0; i < count; i++) {
            int s = block[i];
            int magnitude = Math.abs(s);
            if (magnitude > max) {
                max = magnitude;
            }
            squares += (long) s * s;
        }
        peak.accumulateAndGet(max, Math::max);
        sumSquares.addAndGet(squares);
        samples.addAndGet(count);
    }

    /**
     * Takes the interval's figures and starts the next interval.
     *
     * @param into {@code into[0]} gets the peak, {@code into[1]} the RMS, in dBFS (a full-scale
     *             square wave reads 0/0, a full-scale sine 0/-3); both NaN if nothing was added
     */
    public void takeInterval(double[] into) {
        long n = samples.getAndSet(0);
        long squares = sumSquares.getAndSet(0);
        long max = peak.getAndSet(0);
        if (n == 0) {
            into[0] = Double.NaN;
            into[1] = Double.NaN;
            return;
        }
        into[0] = dbfs(max / FULL_SCALE);
        into[1] = dbfs(Math.sqrt((double) squares / n) / FULL_SCALE);
    }

    private static double dbfs(double ratio) {
        return ratio <= 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10(ratio));
    }
}
