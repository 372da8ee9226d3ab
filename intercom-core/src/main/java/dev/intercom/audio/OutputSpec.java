package dev.intercom.audio;

import dev.intercom.problem.ConfigException;
import java.nio.file.Path;

/**
 * Where played audio goes, as given to {@code --output}:
 * {@code default} | a device index or name fragment | {@code file:PATH} | {@code null}.
 */
public sealed interface OutputSpec {

    /** The system's default playback device. */
    record DefaultDevice() implements OutputSpec { }

    /** A playback device chosen by index or name fragment, as listed by {@code intercom devices}. */
    record Device(String indexOrName) implements OutputSpec { }

    /** A WAV file recording exactly what would have reached the speaker. */
    record File(Path path) implements OutputSpec { }

    /** Played in real time and discarded. */
    record Discard() implements OutputSpec { }

    /** Parses what the user gave to {@code --output}. */
    static OutputSpec parse(String text) {
        String spec = text == null ? "" : text.trim();
        if (spec.isEmpty()) {
            throw new ConfigException("--output", "expected default, a device index or name, file:PATH or null");
        }
        if (spec.equals("default")) {
            return new DefaultDevice();
        }
        if (spec.equals("null")) {
            return new Discard();
        }
        if (spec.startsWith("file:")) {
            return new File(InputSpec.parsePath("--output", spec));
        }
        return new Device(spec);
    }
}
