package dev.intercom.audio.javasound;

/**
 * Notices a device that has stopped moving audio: a capture line that delivers no frames, a
 * playback line whose position no longer advances. A sound server that died, a USB card pulled
 * out or a suspended device all look like this to Java Sound, which reports no error of its own.
 *
 * <p>Fed a progress mark (frames captured, frames played) whenever the line is looked at; the
 * device is stalled when the mark has not changed for {@link #STALL_NANOS}, or, before it ever
 * changed, for {@link #START_NANOS} (sound servers take a while to start a stream). One thread only.
 */
final class StallWatch {

    /** How long a running device may move nothing: long enough for any scheduling hiccup. */
    static final long STALL_NANOS = 1_000_000_000L;
    /** How long a device may take to deliver or play its first frames. */
    static final long START_NANOS = 5_000_000_000L;

    /**
     * A look this long after the previous one means the looking thread itself was held up (the
     * machine or the JVM stood still, measured once for 1.9 s on the loaded test machine, sound
     * server included): the device is then judged afresh from this look, not blamed for our own
     * absence. The audio threads look at least every 20 ms while they wait.
     */
    static final long LOOK_GAP_NANOS = 250_000_000L;

    private long mark = Long.MIN_VALUE;
    private long since;
    private long lastLook;
    private boolean moved;

    /**
     * @param progress  the line's progress mark now
     * @param nowNanos  the time now
     * @return whether the device has been stalled for too long
     */
    boolean stalled(long progress, long nowNanos) {
        boolean wasAway = mark != Long.MIN_VALUE && nowNanos - lastLook >= LOOK_GAP_NANOS;
        lastLook = nowNanos;
        if (wasAway && progress == mark) {
            since = nowNanos;
            return false;
        }
        if (mark == Long.MIN_VALUE) {
            mark = progress;
            since = nowNanos;
            return false;
        }
        if (progress != mark) {
            moved = true;
            mark = progress;
            since = nowNanos;
            return false;
        }
        return nowNanos - since >= (moved ? STALL_NANOS : START_NANOS);
    }

    /** @return how long the device has stood still, in whole seconds, for messages */
    long stalledSeconds(long nowNanos) {
        return Math.max(1, (nowNanos - since) / 1_000_000_000L);
    }
}
