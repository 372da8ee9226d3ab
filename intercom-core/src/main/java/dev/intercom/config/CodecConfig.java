package dev.intercom.config;

import dev.intercom.audio.StreamFormat;
import dev.intercom.codec.L16PayloadCodec;
import dev.intercom.codec.OpusPayloadCodec;
import dev.intercom.codec.OpusSettings;
import dev.intercom.codec.PayloadCodec;
import dev.intercom.problem.ConfigException;

/**
 * The stream's codec settings, as the CLI's codec options give them: {@code --codec},
 * {@code --payload-type}, {@code --bitrate} and {@code --fec}.
 *
 * @param codec       L16 or Opus
 * @param payloadType the RTP payload type we send and the only one we play (96..127)
 * @param bitrateKbps the Opus bit rate in kbit/s (unused by L16)
 * @param fec         whether Opus carries in-band FEC
 */
public record CodecConfig(Codec codec, int payloadType, int bitrateKbps, boolean fec) {

    /** The RTP payload type we send and expect unless {@code --payload-type} says otherwise. */
    public static final int PAYLOAD_TYPE = 96;
    /** The lowest dynamic RTP payload type (RFC 3551 section 6): the range {@code --payload-type} takes. */
    public static final int MIN_DYNAMIC_PAYLOAD_TYPE = 96;
    /** The highest RTP payload type. */
    public static final int MAX_DYNAMIC_PAYLOAD_TYPE = 127;

    /**
     * Checks the codec flags against the stream's format.
     *
     * @param payloadType {@code null} for {@link #PAYLOAD_TYPE}
     * @param bitrateKbps {@code null} for Opus's default for the channel count
     * @throws ConfigException naming the first bad flag
     */
    static CodecConfig of(Codec codec, StreamFormat format, Integer payloadType, Integer bitrateKbps, boolean fec) {
        int bitrate = bitrateKbps != null ? bitrateKbps : OpusSettings.defaultBitrateKbps(format.channels());
        if (codec == Codec.OPUS) {
            if (format.sampleRate() != OpusPayloadCodec.CLOCK_RATE) {
                throw new ConfigException("--rate", "Opus runs at 48000 Hz here, its RTP clock (got "
                        + format.sampleRate() + ")");
            }
            OpusSettings.check(format, bitrate, fec);
        } else if (fec) {
            throw new ConfigException("--fec", "needs --codec opus (L16 carries no FEC)");
        }
        if (payloadType != null) {
            Ranges.require("--payload-type", payloadType, MIN_DYNAMIC_PAYLOAD_TYPE, MAX_DYNAMIC_PAYLOAD_TYPE,
                    "(the dynamic RTP payload types)");
        }
        return new CodecConfig(codec, payloadType != null ? payloadType : PAYLOAD_TYPE, bitrate, fec);
    }

    /** @return a new codec for this stream (one for sending, one per receiving peer) */
    public PayloadCodec newPayloadCodec(StreamFormat format) {
        return switch (codec) {
            case L16 -> new L16PayloadCodec(format);
            case OPUS -> new OpusPayloadCodec(format, bitrateKbps, fec);
        };
    }

    /** @return the codec as the log names it, e.g. {@code L16} or {@code Opus 64 kbit/s with in-band FEC} */
    public String describe() {
        return switch (codec) {
            case L16 -> "L16";
            case OPUS -> "Opus " + bitrateKbps + " kbit/s" + (fec ? " with in-band FEC" : "");
        };
    }
}
