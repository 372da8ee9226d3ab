package dev.intercom.audio.pulse;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one process's stream latencies from {@code pactl list sink-inputs} or {@code pactl list
 * source-outputs} (labels in English: the tool runs with {@code LC_ALL=C}). Each stream is a
 * section that starts at the line's first column ({@code Sink Input #12}) and names its process
 * in the property {@code application.process.id = "1234"}; its latencies are lines such as
 * {@code Buffer Latency: 5354 usec}.
 */
final class StreamLatencyListing {

    private StreamLatencyListing() {
    }

    /**
     * @param listing the tool's output
     * @param pid     the process whose stream is wanted
     * @param labels  the latency lines to add up, e.g. {@code Buffer Latency}, {@code Source Latency}
     * @return the sum of those latencies of the process's first stream, in milliseconds; empty when
     *     the process has no stream there or the stream lacks one of the lines
     */
    static OptionalDouble millis(String listing, long pid, List<String> labels) {
        return section(listing, pid).map(section -> sum(section, labels)).orElse(OptionalDouble.empty());
    }

    /**
     * PipeWire's Pulse layer reports 0 usec for every latency but names the quantum it runs the
     * stream at, e.g. {@code node.latency = "256/48000"}; PulseAudio has no such property.
     *
     * @return the process's first stream's {@code node.latency} in milliseconds; empty on
     *     PulseAudio, when the process has no stream there, or when the value is not N/RATE
     */
    static OptionalDouble quantumMillis(String listing, long pid) {
        Optional<String> section = section(listing, pid);
        if (section.isEmpty()) {
            return OptionalDouble.empty();
        }
        Matcher m = NODE_LATENCY.matcher(section.get());
        if (!m.find()) {
            return OptionalDouble.empty();
        }
        double frames = Double.parseDouble(m.group(1));
        double rate = Double.parseDouble(m.group(2));
        return rate > 0 ? OptionalDouble.of(frames * 1000 / rate) : OptionalDouble.empty();
    }

    private static final Pattern NODE_LATENCY = Pattern.compile("node\\.latency = \"(\\d{1,9})/(\\d{1,9})\"");

    /** @return the first section of the listing that names {@code pid} as its process, with a latency line */
    private static Optional<String> section(String listing, long pid) {
        String owner = "application.process.id = \"" + pid + "\"";
        StringBuilder section = new StringBuilder();
        for (String line : (listing + "\n").split("\n", -1)) {
            boolean starts = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
            if (starts || line.isEmpty()) {
                if (section.indexOf(owner) >= 0 && section.indexOf(" Latency: ") >= 0) {
                    return Optional.of(section.toString());
                }
                section.setLength(0);
            }
            section.append(line).append('\n');
        }
        return Optional.empty();
    }

    private static OptionalDouble sum(String section, List<String> labels) {
        double micros = 0;
        for (String label : labels) {
            OptionalDouble value = micros(section, label);
            if (value.isEmpty()) {
                return OptionalDouble.empty();
            }
            micros += value.getAsDouble();
        }
        return OptionalDouble.of(micros / 1000.0);
    }

    private static OptionalDouble micros(String section, String label) {
        for (String line : section.split("\n")) {
            String t = line.strip();
            if (t.startsWith(label + ":") && t.endsWith(" usec")) {
                try {
                    return OptionalDouble.of(Double.parseDouble(t.substring(label.length() + 1, t.length() - 5).strip()));
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }
}
