package dev.intercom.audio;

import dev.intercom.problem.ConfigException;
import java.nio.file.Path;

/**
 * Where captured audio comes from, as given to {@code --input}:
 * {@code default} | a device index or name fragment | {@code tone[:HZ]} | {@code silence} |
 * {@code file:PATH}.
 */
public sealed interface InputSpec {

    /** The system's default capture device. */
    record DefaultDevice() implements InputSpec { }

    /** A capture device chosen by index or name fragment, as listed by {@code intercom devices}. */
    record Device(String indexOrName) implements InputSpec { }

    /** A sine tone at {@code hz}. */
    record Tone(double hz) implements InputSpec { }

    /** Digital silence. */
    record Silence() implements InputSpec { }

    /** A WAV file, converted to the session's format; silence after its end. */
    record File(Path path) implements InputSpec { }

    /** The tone frequency when {@code tone} is given without one. */
    double DEFAULT_TONE_HZ = 440.0;

    /** Parses what the user gave to {@code --input}. */
    static InputSpec parse(String text) {
        String spec = text == null ? "" : text.trim();
        if (spec.isEmpty()) {
            throw new ConfigException("--input", "expected default, a device index or name, tone[:HZ], silence or file:PATH");
        }
        if (spec.equals("default")) {
            return new DefaultDevice();
        }
        if (spec.equals("silence")) {
            return new Silence();
        }
        if (spec.equals("tone")) {
            return new Tone(DEFAULT_TONE_HZ);
        }
        if (spec.startsWith("tone:")) {
            return new Tone(parseFrequency(spec.substring(5)));
        }
        if (spec.startsWith("file:")) {
            return new File(parsePath("--input", spec));
        }
        return new Device(spec);
    }

    private static double parseFrequency(String hz) {
        try {
            double value = Double.parseDouble(hz);
            if (value > 0 && value <= 96_000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("--input", "tone frequency must be a number of Hz above 0, e.g. tone:440 (got 'tone:" + hz + "')");
    }

    /** Extracts the path of a {@code file:PATH} spec, refusing an empty one. */
    static Path parsePath(String flag, String spec) {
        String path = spec.substring("file:".length());
        if (path.isBlank()) {
            throw new ConfigException(flag, "file: needs a path, e.g. file:speech.wav");
        }
        return Path.of(path);
    }
}
