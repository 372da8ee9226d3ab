package dev.intercom.config;

import dev.intercom.audio.StreamFormat;
import dev.intercom.problem.ConfigException;
import java.util.Locale;

/**
 * The stream's payload ({@code --codec}): what differs between L16 and Opus for everything
 * around the codec itself, so the session asks the codec instead of branching on its name.
 */
public enum Codec {

    /** Uncompressed 16-bit samples (RFC 3551): a payload is whole frames, decoded on arrival. */
    L16(128, false),
    /** Opus (RFC 7587): opaque payloads through a decoder that keeps state between packets. */
    OPUS(480, true);

    /** The largest Opus packet for one frame of up to 20 ms (RFC 6716: 1275 bytes) with room for two channels. */
    private static final int OPUS_MAX_PACKET_BYTES = 1275 * 2;

    private final int defaultBlock;
    private final boolean stateful;

    Codec(int defaultBlock, boolean stateful) {
        this.defaultBlock = defaultBlock;
        this.stateful = stateful;
    }

    /**
     * @param label {@code l16} or {@code opus}, as {@code --codec} takes it
     * @throws ConfigException naming {@code --codec} for anything else
     */
    public static Codec parse(String label) {
        for (Codec codec : values()) {
            if (codec.label().equals(label)) {
                return codec;
            }
        }
        throw new ConfigException("--codec", "must be l16 or opus (got " + label + ")");
    }

    /** @return the name {@code --codec} takes */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return {@code --block} without a value: for L16 2.67 ms at 48 kHz; for Opus 10 ms, one of
     *     its frame sizes (128 frames is not one)
     */
    public int defaultBlock() {
        return defaultBlock;
    }

    /**
     * @return whether a payload is a whole number of sample frames: the validator can check its
     *     length, the format probe can tell the peer's rate from it, and its size is known per block
     */
    public boolean framed() {
        return !stateful;
    }

    /**
     * @return whether the decoder keeps state between packets (Opus): packets are then decoded in
     *     stream order on the playout thread, and a loss is concealed by the codec itself
     */
    public boolean decodesInStreamOrder() {
        return stateful;
    }

    /** @return the largest payload of one block of {@code format} */
    public int maxPayloadBytes(StreamFormat format) {
        return stateful ? OPUS_MAX_PACKET_BYTES : format.bytesPerBlock();
    }
}
