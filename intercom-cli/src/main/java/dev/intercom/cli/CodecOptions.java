package dev.intercom.cli;

import dev.intercom.config.SessionConfig;
import picocli.CommandLine.Option;

/** The payload format of the stream a peer sends. */
final class CodecOptions {

    @Option(names = "--codec", paramLabel = "l16|opus",
            description = "Payload: l16 (uncompressed, bit-exact) or opus (RFC 7587; --rate 48000, blocks of 2.5, 5, 10 "
                    + "or 20 ms; --block defaults to 480 = 10 ms) (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = "--payload-type", paramLabel = "N",
            description = "RTP payload type we send and play, 96..127: match the other end (ffmpeg sends 97, "
                    + "WebRTC Opus 111) (default: ${DEFAULT-VALUE}).")
    Integer payloadType;

    @Option(names = "--bitrate", paramLabel = "KBPS", description = "Opus bit rate, 6..510 (default: 64 mono, 96 stereo).")
    Integer bitrateKbps;

    @Option(names = "--fec", description = "Opus in-band forward error correction (10 or 20 ms blocks; helps from ~28 kbit/s).")
    boolean fec;

    /**
     * Sets these settings on {@code builder}; they are checked when it builds.
     *
     * @return {@code builder}
     */
    SessionConfig.Builder applyTo(SessionConfig.Builder builder) {
        return builder.codec(codec).payloadType(payloadType).bitrateKbps(bitrateKbps).fec(fec);
    }
}
