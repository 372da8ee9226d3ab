package dev.intercom.audio.javasound;

/**
 * Tells a capture thread that fell behind the device from one that waits for a device that
 * delivers in chunks. It watches the time between one block read and the next. A device (or a
 * sound server) hands audio over a period or a quantum at a time, so some of those gaps are as
 * long as that chunk; the longest gap of the last few seconds is learned as normal. A gap
 * {@value #BEHIND_MILLIS} ms longer than that means the thread did not run (a stalled process, a
 * machine whose host took its CPU): everything the device queued meanwhile is stale.
 *
 * <p>Why it matters: the ALSA pulse plugin queues a late reader's audio on its side, so after a
 * 60 ms stall the capture had 60 ms to send at once, late. The far end read that as 60 ms of
 * network jitter and raised its playout delay by as much for about five seconds (measured on
 * PulseAudio 16: heard latency 70 ms against 21 ms, for 6 s after two such stalls). Dropped
 * instead, it costs the far end a gap it conceals, at the latency it had.
 *
 * <p>Time is passed in; nothing is allocated.
 */
final class CaptureLag {

    /** How much longer than the longest normal gap a gap must be to mean the reader fell behind. */
    static final long BEHIND_MILLIS = 20;
    /** How long a normal gap is remembered: each of two alternating windows lasts this long. */
    static final long MEMORY_NANOS = 2_000_000_000L;

    private final long behindNanos;
    private final long initialNormalNanos;
    private long lastReadNanos = Long.MIN_VALUE;
    private long windowStart = Long.MIN_VALUE;
    private long currentLongest;
    private long previousLongest;

    /**
     * @param periodNanos how often the device is expected to deliver: its period, the gap taken
     *                    as normal until longer ones have been seen
     */
    CaptureLag(long periodNanos) {
        this.behindNanos = BEHIND_MILLIS * 1_000_000L;
        this.initialNormalNanos = periodNanos;
    }

    /**
     * Notes a block read at {@code nowNanos}.
     *
     * @return how far the reader fell behind since the block before, in nanoseconds: the gap
     *     beyond the longest normal one, audio the device holds that is stale; 0 if it did not
     *     (the gap was within {@value #BEHIND_MILLIS} ms of normal). A gap that fell behind is not
     *     learned as normal.
     */
    long behindNanos(long nowNanos) {
        long last = lastReadNanos;
        lastReadNanos = nowNanos;
        if (last == Long.MIN_VALUE) {
            windowStart = nowNanos;
            return 0;
        }
        long gap = nowNanos - last;
        long normal = normalGapNanos();
        if (gap > normal + behindNanos) {
            return gap - normal;
        }
        if (nowNanos - windowStart >= MEMORY_NANOS) {
            previousLongest = currentLongest;
            currentLongest = 0;
            windowStart = nowNanos;
        }
        currentLongest = Math.max(currentLongest, gap);
        return 0;
    }

    /** @return the longest gap between reads over the last two to four seconds, at least the period */
    long normalGapNanos() {
        return Math.max(initialNormalNanos, Math.max(currentLongest, previousLongest));
    }

    /** Notes that the reader dropped what was stale and is at the device's live edge at {@code nowNanos}. */
    void caughtUp(long nowNanos) {
        lastReadNanos = nowNanos;
    }
}
