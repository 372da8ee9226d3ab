package dev.intercom.audio.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Finding one process's stream in pactl's listing and adding up its latencies. */
class StreamLatencyListingTest {

    /** As PulseAudio 16's {@code pactl list source-outputs} printed it during a sound-stack test. */
    private static final String SOURCE_OUTPUTS = String.join("\n",
            "Source Output #7",
            "\tDriver: protocol-native.c",
            "\tSource: 0",
            "\tBuffer Latency: 958 usec",
            "\tSource Latency: 0 usec",
            "\tProperties:",
            "\t\tapplication.name = \"parec\"",
            "\t\tapplication.process.id = \"19505\"",
            "",
            "Source Output #9",
            "\tDriver: protocol-native.c",
            "\tSource: 2",
            "\tBuffer Latency: 2645 usec",
            "\tSource Latency: 120 usec",
            "\tProperties:",
            "\t\tapplication.name = \"ALSA plug-in [java]\"",
            "\t\tapplication.process.id = \"19507\"",
            "");

    private static final List<String> CAPTURE = List.of("Buffer Latency", "Source Latency");

    @Test
    void addsUpTheLatenciesOfTheProcesssOwnStream() {
        assertEquals(2.765, StreamLatencyListing.millis(SOURCE_OUTPUTS, 19507, CAPTURE).orElseThrow(), 1e-9);
        assertEquals(0.958, StreamLatencyListing.millis(SOURCE_OUTPUTS, 19505, CAPTURE).orElseThrow(), 1e-9);
    }

    @Test
    void aProcessWithoutAStreamThereHasNoFigure() {
        assertEquals(OptionalDouble.empty(), StreamLatencyListing.millis(SOURCE_OUTPUTS, 1950, CAPTURE));
        assertEquals(OptionalDouble.empty(), StreamLatencyListing.millis("", 19507, CAPTURE));
    }

    @Test
    void aStreamWithoutOneOfTheLinesHasNoFigure() {
        assertEquals(OptionalDouble.empty(), StreamLatencyListing.millis(SOURCE_OUTPUTS, 19507,
                List.of("Buffer Latency", "Sink Latency")));
    }
}
