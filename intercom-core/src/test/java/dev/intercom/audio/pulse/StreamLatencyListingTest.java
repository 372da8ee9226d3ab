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

    /** As PipeWire 0.3.65's Pulse layer printed {@code pactl list sink-inputs} during a session. */
    private static final String PIPEWIRE_SINK_INPUTS = String.join("\n",
            "Sink Input #84",
            "\tBuffer Latency: 0 usec",
            "\tSink Latency: 0 usec",
            "\tProperties:",
            "\t\tapplication.process.id = \"12194\"",
            "\t\tnode.latency = \"512/48000\"",
            "",
            "Sink Input #109",
            "\tBuffer Latency: 0 usec",
            "\tSink Latency: 0 usec",
            "\tProperties:",
            "\t\tapplication.process.id = \"12196\"",
            "\t\tmedia.name = \"ALSA Playback\"",
            "\t\tnode.latency = \"256/48000\"",
            "");

    @Test
    void pipeWireNamesTheQuantumOfEachStream() {
        assertEquals(256 / 48.0, StreamLatencyListing.quantumMillis(PIPEWIRE_SINK_INPUTS, 12196).orElseThrow(), 1e-9);
        assertEquals(512 / 48.0, StreamLatencyListing.quantumMillis(PIPEWIRE_SINK_INPUTS, 12194).orElseThrow(), 1e-9);
        assertEquals(0.0, StreamLatencyListing.millis(PIPEWIRE_SINK_INPUTS, 12196, List.of("Sink Latency")).orElseThrow());
    }

    @Test
    void pulseAudioNamesNoQuantum() {
        assertEquals(OptionalDouble.empty(), StreamLatencyListing.quantumMillis(SOURCE_OUTPUTS, 19507));
        assertEquals(OptionalDouble.empty(), StreamLatencyListing.quantumMillis(PIPEWIRE_SINK_INPUTS, 1));
    }

    @Test
    void theGraphRunsAtTheSmallestQuantumOurStreamsAskFor() {
        OptionalDouble grown = OptionalDouble.of(512 * 1000 / 48_000.0);
        OptionalDouble kept = OptionalDouble.of(256 * 1000 / 48_000.0);
        assertEquals(kept, ServerLatencyWatch.graphQuantumMs(kept, grown), "a playback line that grew");
        assertEquals(kept, ServerLatencyWatch.graphQuantumMs(grown, kept));
        assertEquals(kept, ServerLatencyWatch.graphQuantumMs(OptionalDouble.empty(), kept));
        assertEquals(kept, ServerLatencyWatch.graphQuantumMs(kept, OptionalDouble.empty()));
        assertEquals(OptionalDouble.empty(),
                ServerLatencyWatch.graphQuantumMs(OptionalDouble.empty(), OptionalDouble.empty()), "PulseAudio");
    }

    @Test
    void pipeWiresGraphHoldsAQuantumOfPlaybackAndTheRestOfAQuantumOfCapture() {
        double quantum = 256 / 48.0;
        assertEquals(quantum, ServerLatencyWatch.pipeWirePlaybackMs(quantum), 1e-9);
        assertEquals(quantum - 64 / 48.0, ServerLatencyWatch.pipeWireCaptureMs(quantum, 64 / 48.0), 1e-9);
        assertEquals(0.0, ServerLatencyWatch.pipeWireCaptureMs(quantum, 256 / 48.0), 1e-9);
        assertEquals(0.0, ServerLatencyWatch.pipeWireCaptureMs(quantum, 512 / 48.0), 1e-9);
    }
}
