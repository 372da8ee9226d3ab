package dev.intercom.audio.pulse;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.intercom.audio.AudioDeviceException;

/**
 * Sends the next capture or playback line that Java Sound opens on ALSA's {@code default}
 * device to a chosen source or sink of the sound server. The ALSA pulse plugin connects a new
 * line to the server's default unless {@code PULSE_SOURCE} / {@code PULSE_SINK} name another,
 * and it reads them when the line is opened; Java cannot set its own process's environment, so
 * one C call ({@code setenv}) does.
 */
public final class PulseRouting {

    /** The one C library call we need. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite) throws LastErrorException;
    }

    private PulseRouting() {
    }

    /** Routes lines opened from now on for capture to the source {@code name}. */
    public static void captureFrom(String name) {
        set("PULSE_SOURCE", name);
    }

    /** Routes lines opened from now on for playback to the sink {@code name}. */
    public static void playTo(String name) {
        set("PULSE_SINK", name);
    }

    private static void set(String variable, String value) {
        try {
            Native.load("c", CLibrary.class).setenv(variable, value, 1);
        } catch (LastErrorException | LinkageError e) {
            throw new AudioDeviceException("cannot choose the sound server's device '" + value + "' (setting "
                    + variable + " failed: " + e.getMessage() + "); start intercom with " + variable + "=" + value
                    + " in its environment instead", e);
        }
    }
}
