package dev.intercom.audio.file;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.AudioOutput;

/** What a session needs to know about the paced devices of this package as a pair. */
public final class PacedDevices {

    private PacedDevices() {
    }

    /**
     * @return whether {@code input} and {@code output} are paced devices of this package reading
     *     one clock in one format, so that their ticks fall together and one thread can serve both
     */
    public static boolean shareClock(AudioInput input, AudioOutput output) {
        return input instanceof PacedInput in && output instanceof PacedOutput out
                && in.pacer.clock() == out.pacer.clock() && in.format.equals(out.format);
    }
}
