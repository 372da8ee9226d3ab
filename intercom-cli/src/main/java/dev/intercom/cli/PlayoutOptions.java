package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import picocli.CommandLine.Option;

/**
 * How a receiver clocks and buffers the stream: sample rate, block size and the jitter buffer's
 * playout delay. The peer commands take these through {@link AudioOptions}; {@code simulate}
 * takes them alone, to replay a trace the way a peer with these flags would have played it.
 * No defaults here: they come from {@link ConfigDefaults}, by option name.
 */
final class PlayoutOptions {

    @Option(names = "--rate", paramLabel = "HZ", description = "Sample rate, 8000..192000 (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--block", paramLabel = "FRAMES",
            description = "Frames per block and per packet, 16..4096 (default: 128, or 480 = 10 ms with --codec opus).")
    Integer block;

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

    /**
     * Sets these settings on {@code builder}.
     *
     * @return {@code builder}
     * @throws dev.intercom.problem.ConfigException if {@code --jitter} is neither auto nor a number
     */
    SessionConfig.Builder applyTo(SessionConfig.Builder builder) {
        return builder.sampleRate(rate)
                .blockFrames(block)
                .jitter(jitter)
                .jitterLossPercent(jitterLossPercent)
                .jitterMinMs(jitterMinMs)
                .jitterMaxMs(jitterMaxMs);
    }
}
