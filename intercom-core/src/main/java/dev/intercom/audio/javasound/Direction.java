package dev.intercom.audio.javasound;

import javax.sound.sampled.DataLine;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * Capture or playback: the Java Sound line class for each, and the words and command-line
 * alternatives that user-facing error messages need, kept in one place so every message in
 * this package says the same thing.
 */
enum Direction {

    INPUT(TargetDataLine.class, "input", "capture", "--input", "use --input tone or --input file:PATH"),
    OUTPUT(SourceDataLine.class, "output", "play", "--output",
            "use --output file:PATH or --output null");

    /** The line class a mixer offers for this direction. */
    final Class<? extends DataLine> lineClass;
    /** "input" or "output". */
    final String word;
    /** The verb for what the line does: "capture" or "play". */
    final String verb;
    /** The command-line flag that chooses a device for this direction. */
    final String flag;
    /** What the user can do instead of using a sound card. */
    final String alternatives;

    Direction(Class<? extends DataLine> lineClass, String word, String verb, String flag,
            String alternatives) {
        this.lineClass = lineClass;
        this.word = word;
        this.verb = verb;
        this.flag = flag;
        this.alternatives = alternatives;
    }

    /** @return the message for a machine with no device at all for this direction */
    /**
     * @return the one line for a device that stopped moving audio mid-session (a sound server
     *     that died, a card unplugged), naming it and what to check
     */
    String stalledMessage(String description, long seconds) {
        return "the " + word + " " + description + " stopped: nothing " + (this == INPUT ? "captured" : "played")
                + " for " + seconds + " s; is the sound server running (`pactl info`)? Check the device, or "
                + alternatives;
    }

    String noDeviceMessage() {
        return "no audio " + word + " device found on this machine; "
                + dev.intercom.audio.pulse.SoundServer.downNotice().map(notice -> notice + ", or ").orElse("")
                + alternatives;
    }
}
