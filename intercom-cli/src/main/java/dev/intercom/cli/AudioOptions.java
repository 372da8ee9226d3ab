package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags every audio-moving command shares: the {@link PlayoutOptions}, the channels, what
 * to capture and play, and how long and how talkatively to run. No defaults here: they come
 * from the bundled {@code intercom.properties} (and {@code --config FILE}) through
 * {@link ConfigDefaults}.
 */
final class AudioOptions {

    @Option(names = "--channels", paramLabel = "N", description = "Channels, 1..8 (default: ${DEFAULT-VALUE}).")
    int channels;

    @Mixin
    PlayoutOptions playout;

    @Option(names = "--input", paramLabel = "SPEC",
            description = "default | device index or name | tone[:HZ] | silence | file:PATH (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--output", paramLabel = "SPEC",
            description = "default | device index or name | file:PATH | null (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--device-buffer", paramLabel = "auto|MS",
            description = "Sound-card line buffer for capture and playback, 1..1000 ms rounded up to whole blocks (at "
                    + "least 2); auto = 3 blocks capture, playback at least 12 ms and 3 blocks, growing by half "
                    + "(up to 48 ms) when it runs dry twice in 10 s. A size in ms stays; raise it if "
                    + "device_underruns rises; playback latency grows with it (default: ${DEFAULT-VALUE}).")
    String deviceBuffer;

    @Option(names = "--device-latency", paramLabel = "auto|MS",
            description = "The input and output devices' latency together, 0..1000 ms, as 'intercom measure --local' "
                    + "reports it (the device round trip): e2e and ideal latency count it instead of the estimate from "
                    + "the lines' buffers (default: ${DEFAULT-VALUE}).")
    String deviceLatency;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: until Ctrl-C).")
    Double durationSeconds;

    @Option(names = "--stats-interval", paramLabel = "SECONDS",
            description = "Log a statistics line this often; 0 = off (default: ${DEFAULT-VALUE}).")
    double statsIntervalSeconds;

    @Option(names = "--stats-file", paramLabel = "PATH", description = "Also write each statistics line as a CSV row here.")
    Path statsFile;

    /** @return a builder holding these settings, for the caller to add the network ones */
    SessionConfig.Builder toBuilder() {
        return playout.applyTo(SessionConfig.builder())
                .channels(channels)
                .input(input)
                .output(output)
                .deviceBuffer(deviceBuffer)
                .deviceLatency(deviceLatency)
                .durationSeconds(durationSeconds)
                .statsIntervalSeconds(statsIntervalSeconds)
                .statsFile(statsFile);
    }
}
