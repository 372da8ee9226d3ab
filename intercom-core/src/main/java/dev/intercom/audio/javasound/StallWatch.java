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

    private long mark = Long.MIN_VALUE;
    private long since;
    private boolean moved;

    /**
     * @param progress  the line's progress mark now
     * @param nowNanos  the time now
     * @return whether the device has been stalled for too long
     */
    boolean stalled(long progress, long nowNanos) {
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
