package dev.intercom.config;

import dev.intercom.audio.InputSpec;
import dev.intercom.audio.OutputSpec;
import dev.intercom.audio.StreamFormat;
import dev.intercom.problem.ConfigException;
import dev.intercom.rtp.RtpHeader;
import java.util.Optional;

/**
 * Where the audio comes from and goes, and its format, as the CLI's audio options (and the
 * playout options' {@code --rate} and {@code --block}) give them.
 *
 * @param format         sample rate, channels and block size
 * @param input          where captured audio comes from ({@code --input})
 * @param output         where played audio goes ({@code --output})
 * @param deviceBufferMs the sound-card line buffer asked for, empty for {@code --device-buffer auto}
 * @param deviceLatencyMs {@code --device-latency}: the input and output devices' latency together,
 *                       from the frame written to the output to the same frame read back from the
 *                       input through a zero-length loop (what {@code intercom measure --local}
 *                       reports as the device round trip), in ms; empty for auto, the estimate from
 *                       the lines' buffers
 */
public record AudioConfig(StreamFormat format, InputSpec input, OutputSpec output, Optional<Double> deviceBufferMs,
        Optional<Double> deviceLatencyMs) {

    public static final int MIN_RATE = 8_000;
    public static final int MAX_RATE = 192_000;
    public static final int MIN_CHANNELS = 1;
    public static final int MAX_CHANNELS = 8;
    public static final int MIN_BLOCK = 16;
    public static final int MAX_BLOCK = 4_096;
    /** The largest sound-card line buffer {@code --device-buffer} may ask for, in milliseconds. */
    public static final double MAX_DEVICE_BUFFER_MS = 1_000;
    /** The largest device round trip {@code --device-latency} may give, in milliseconds. */
    public static final double MAX_DEVICE_LATENCY_MS = 1_000;
    /** The largest UDP payload over IPv4: one block plus the RTP header must fit. */
    public static final int MAX_DATAGRAM_BYTES = 65_507;

    /**
     * @return the stream's format
     * @throws ConfigException naming {@code --rate}, {@code --channels} or {@code --block} when out
     *     of range, or when one block would not fit in a UDP datagram
     */
    static StreamFormat format(int sampleRate, int channels, int blockFrames) {
        Ranges.require("--rate", sampleRate, MIN_RATE, MAX_RATE, "Hz");
        Ranges.require("--channels", channels, MIN_CHANNELS, MAX_CHANNELS, "channels");
        Ranges.require("--block", blockFrames, MIN_BLOCK, MAX_BLOCK, "frames");
        int maxBlock = (MAX_DATAGRAM_BYTES - RtpHeader.FIXED_HEADER_LENGTH) / (2 * channels);
        if (blockFrames > maxBlock) {
            throw new ConfigException("--block", "at most " + maxBlock + " frames with " + channels
                    + " channels, or the packet will not fit in one UDP datagram (got " + blockFrames + ")");
        }
        return new StreamFormat(sampleRate, channels, blockFrames);
    }

    /** Checks {@code --device-buffer}: {@code null} (auto) or 1 to {@link #MAX_DEVICE_BUFFER_MS}. */
    static void checkDeviceBuffer(Double deviceBufferMs) {
        Ranges.requireAutoOrRange("--device-buffer", deviceBufferMs, 1, MAX_DEVICE_BUFFER_MS);
    }

    /** Checks {@code --device-latency}: {@code null} (auto) or 0 to {@link #MAX_DEVICE_LATENCY_MS}. */
    static void checkDeviceLatency(Double deviceLatencyMs) {
        Ranges.requireAutoOrRange("--device-latency", deviceLatencyMs, 0, MAX_DEVICE_LATENCY_MS);
    }

    /**
     * Parses {@code --input} and {@code --output} for a stream of {@code format}.
     *
     * @throws ConfigException naming the flag
     */
    static AudioConfig of(StreamFormat format, String input, String output, Double deviceBufferMs,
            Double deviceLatencyMs) {
        checkDeviceBuffer(deviceBufferMs);
        checkDeviceLatency(deviceLatencyMs);
        InputSpec in = InputSpec.parse(input);
        OutputSpec out = OutputSpec.parse(output);
        if (in instanceof InputSpec.Tone tone && tone.hz() >= format.sampleRate() / 2.0) {
            throw new ConfigException("--input", "tone frequency must be below half the sample rate, "
                    + format.sampleRate() / 2 + " Hz (got " + tone.hz() + ")");
        }
        return new AudioConfig(format, in, out, Optional.ofNullable(deviceBufferMs),
                Optional.ofNullable(deviceLatencyMs));
    }
}
