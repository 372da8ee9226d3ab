package dev.intercom.audio.pulse;

import java.util.List;
import java.util.OptionalDouble;

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
        String owner = "application.process.id = \"" + pid + "\"";
        StringBuilder section = new StringBuilder();
        for (String line : (listing + "\n").split("\n", -1)) {
            boolean starts = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
            if (starts || line.isEmpty()) {
                OptionalDouble found = section.indexOf(owner) >= 0 ? sum(section.toString(), labels) : OptionalDouble.empty();
                if (found.isPresent()) {
                    return found;
                }
                section.setLength(0);
            }
            section.append(line).append('\n');
        }
        return OptionalDouble.empty();
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
