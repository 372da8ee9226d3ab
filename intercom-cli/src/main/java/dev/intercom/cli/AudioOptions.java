package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags every audio-moving command shares. No defaults here: they come from the bundled
 * {@code intercom.properties} (and {@code --config FILE}) through {@link ConfigDefaults}.
 */
final class AudioOptions {

    @Option(names = "--rate", paramLabel = "HZ", description = "Sample rate, 8000..192000 (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--channels", paramLabel = "N", description = "Channels, 1..8 (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--block", paramLabel = "FRAMES",
            description = "Frames per block and per packet, 16..4096 (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--jitter", paramLabel = "auto|MS",
            description = "Playout delay: auto follows the network; MS fixes it, 0..1000 ms rounded to whole blocks "
                    + "(default: ${DEFAULT-VALUE}).")
    String jitter;

    @Option(names = "--jitter-loss", paramLabel = "PCT",
            description = "With --jitter auto: the share of packets allowed to arrive too late, 0.01..50 "
                    + "(default: ${DEFAULT-VALUE}).")
    double jitterLossPercent;

    @Option(names = "--jitter-min", paramLabel = "MS",
            description = "With --jitter auto: the lowest playout delay, 0..1000 (default: ${DEFAULT-VALUE}).")
    double jitterMinMs;

    @Option(names = "--jitter-max", paramLabel = "MS",
            description = "With --jitter auto: the highest playout delay, up to 1000 (default: ${DEFAULT-VALUE}).")
    double jitterMaxMs;

    @Option(names = "--input", paramLabel = "SPEC",
            description = "default | device index or name | tone[:HZ] | silence | file:PATH (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--output", paramLabel = "SPEC",
            description = "default | device index or name | file:PATH | null (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: until Ctrl-C).")
    Double durationSeconds;

    @Option(names = "--stats-interval", paramLabel = "SECONDS",
            description = "Log a statistics line this often; 0 = off (default: ${DEFAULT-VALUE}).")
    double statsIntervalSeconds;

    @Option(names = "--stats-file", paramLabel = "PATH", description = "Also write each statistics line as a CSV row here.")
    Path statsFile;

    /** @return a builder holding these settings, for the caller to add the network ones */
    SessionConfig.Builder toBuilder() {
        return SessionConfig.builder()
                .sampleRate(rate)
                .channels(channels)
                .blockFrames(block)
                .jitter(jitter)
                .jitterLossPercent(jitterLossPercent)
                .jitterMinMs(jitterMinMs)
                .jitterMaxMs(jitterMaxMs)
                .input(input)
                .output(output)
                .durationSeconds(durationSeconds)
                .statsIntervalSeconds(statsIntervalSeconds)
                .statsFile(statsFile);
    }
}
