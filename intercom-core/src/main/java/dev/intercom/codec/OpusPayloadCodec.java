package dev.intercom.codec;

import dev.intercom.audio.StreamFormat;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The Opus payload format (RFC 7587): one Opus packet of one block per RTP packet, the RTP
 * timestamp counting at 48 kHz whatever the sample rate. Encoded and decoded by Concentus, a
 * pure-Java port of libopus.
 *
 * <p><b>Mode.</b> Without FEC the encoder runs in libopus's restricted low-delay mode: CELT only,
 * 2.5 ms of look-ahead, the least delay Opus can have, and good for music as well as voice.
 * In-band FEC exists only in SILK (the speech layer, used alone or in hybrid with CELT), which
 * restricted low-delay mode turns off, so with FEC the encoder runs in VoIP mode: 6.5 ms of
 * look-ahead, speech-tuned, and with the loss hint the encoder keeps to SILK or hybrid.
 * {@link #delayFrames()} reports whichever applies.
 *
 * <p><b>Loss.</b> {@link #decodeMissing} rebuilds a lost packet from the low-bitrate copy (LBRR)
 * the next packet carries when FEC is on and that packet is given, and otherwise runs Opus's own
 * concealment, which continues the signal from the decoder's state.
 *
 * <p>Encoding and decoding each work in preallocated arrays; Concentus itself allocates some
 * short-lived scratch per call.
 */
public final class OpusPayloadCodec implements PayloadCodec {

    /** RTP clock of every Opus stream (RFC 7587 section 4.1). */
    public static final int CLOCK_RATE = 48_000;

    /** The loss hint given to the encoder with FEC until {@link #setExpectedLossPercent} says otherwise. */
    public static final int DEFAULT_EXPECTED_LOSS_PERCENT = 10;

    /** The largest Opus frame, in bytes (RFC 6716 section 3.2.1); one block is one frame. */
    private static final int MAX_FRAME_BYTES = 1275;
    /** The longest Opus packet: 120 ms, in frames at 48 kHz. */
    private static final int MAX_PACKET_FRAMES_120_MS = 5_760;

    /**
     * The largest payload we try to decode: a UDP datagram over IPv4, room for any valid Opus
     * packet (up to 120 ms of frames of up to 1275 bytes each) a peer may send.
     */
    private static final int MAX_PAYLOAD_BYTES = 65_507;

    private final int sampleRate;
    private final int channels;
    private final int blockFrames;
    private final boolean fec;
    private final OpusApplication application;

    // Encoding side: touched only by encode() and setExpectedLossPercent().
    private final OpusEncoder encoder;
    private final byte[] packet = new byte[MAX_FRAME_BYTES];

    // Decoding side: touched only by decode(), decodeMissing() and resetDecoder().
    private final OpusDecoder decoder;
    private final byte[] payload = new byte[MAX_PAYLOAD_BYTES];

    /**
     * @param format      the session's format: 8, 12, 16, 24 or 48 kHz, 1 or 2 channels, blocks of
     *                    2.5, 5, 10 or 20 ms
     * @param bitrateKbps target bitrate, 6..510 kbit/s (see {@link OpusSettings#defaultBitrateKbps})
     * @param fec         whether to send in-band FEC (needs blocks of 10 or 20 ms). The encoder
     *                    only adds the redundant copy when SILK's share of the bitrate allows: at
     *                    48 kHz with the default loss hint, from about 28 kbit/s (measured); below
     *                    that packets carry none and {@link #decodeMissing} is plain concealment
     * @throws dev.intercom.problem.ConfigException naming the flag, as {@link OpusSettings#check}
     */
    public OpusPayloadCodec(StreamFormat format, int bitrateKbps, boolean fec) {
        this(format, bitrateKbps, fec, fec ? OpusApplication.OPUS_APPLICATION_VOIP
                : OpusApplication.OPUS_APPLICATION_RESTRICTED_LOWDELAY);
    }

    /** As the public constructor, with the encoder's application chosen (for comparisons). */
    OpusPayloadCodec(StreamFormat format, int bitrateKbps, boolean fec, OpusApplication application) {
        OpusSettings.check(format, bitrateKbps, fec);
        this.sampleRate = format.sampleRate();
        this.channels = format.channels();
        this.blockFrames = format.blockFrames();
        this.fec = fec;
        this.application = application;
        try {
            encoder = new OpusEncoder(sampleRate, channels, application);
            decoder = new OpusDecoder(sampleRate, channels);
        } catch (OpusException e) {
            // The settings were checked above, so this is Concentus failing, not the user.
            throw new IllegalStateException("cannot start the Opus codec: " + e.getMessage(), e);
        }
        encoder.setBitrate(bitrateKbps * 1000);
        encoder.setUseInbandFEC(fec);
        // LBRR is only coded with a non-zero loss hint; without FEC the hint would only make
        // CELT spend bits on robustness we do not need.
        encoder.setPacketLossPercent(fec ? DEFAULT_EXPECTED_LOSS_PERCENT : 0);
    }

    /**
     * Tells the encoder how much loss to expect (e.g. from RTCP receiver reports): with FEC, a
     * higher figure spends more of the bitrate on the redundant copy. Call from the encoding
     * thread.
     *
     * @param percent expected packet loss, 0..100
     * @throws IllegalArgumentException if {@code percent} is out of range
     */
    public void setExpectedLossPercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("expected loss must be 0..100 percent, got " + percent);
        }
        encoder.setPacketLossPercent(percent);
    }

    /** @return {@code opus} */
    @Override
    public String name() {
        return "opus";
    }

    /** @return {@value #CLOCK_RATE}, whatever the sample rate */
    @Override
    public int clockRate() {
        return CLOCK_RATE;
    }

    /** @return the encoder's look-ahead: 2.5 ms in restricted low-delay mode, 6.5 ms with FEC */
    @Override
    public int delayFrames() {
        return encoder.getLookahead();
    }

    /** @return {@code restricted-lowdelay} or {@code voip}: the encoder's mode, for logs */
    public String mode() {
        return application == OpusApplication.OPUS_APPLICATION_RESTRICTED_LOWDELAY ? "restricted-lowdelay"
                : application == OpusApplication.OPUS_APPLICATION_VOIP ? "voip" : "audio";
    }

    /**
     * @param frames must be the block size this codec was made for (an Opus frame is 2.5 to 20 ms)
     */
    @Override
    public int encode(short[] block, int frames, ByteBuf out) {
        if (frames != blockFrames || (long) frames * channels > block.length) {
            throw new IllegalArgumentException("this Opus encoder takes blocks of " + blockFrames + " frames of "
                    + channels + " channels, not " + frames + " frames from " + block.length + " samples");
        }
        int bytes;
        try {
            bytes = encoder.encode(block, 0, frames, packet, 0, packet.length);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoding failed: " + e.getMessage(), e);
        }
        out.writeBytes(packet, 0, bytes);
        return bytes;
    }

    /**
     * @return frames decoded (any Opus packet: its own duration, not necessarily our block), or
     *         {@link #CORRUPT}; after a payload that broke the decoder half-way the decoder is
     *         reset, so the next good packet decodes cleanly
     */
    @Override
    public int decode(ByteBuf in, int offset, int length, short[] out) {
        checkRange(in, offset, length);
        int capacity = out.length / channels;
        if (length == 0 || length > payload.length || capacity == 0) {
            return CORRUPT; // an Opus packet has at least its table-of-contents byte
        }
        in.getBytes(offset, payload, 0, length);
        try {
            return decoder.decode(payload, 0, length, out, 0, capacity, false);
        } catch (OpusException | IllegalArgumentException e) {
            // Concentus's own error codes: framing it refused before touching the decoder, or a
            // layer that gave up; either way the decoder's state stays usable.
            return CORRUPT;
        } catch (RuntimeException | AssertionError e) {
            // Concentus signals impossible bitstreams with AssertionError (always, not only
            // under -ea) or an index out of bounds, possibly half-way through: start clean.
            decoder.resetState();
            return CORRUPT;
        }
    }

    /** Reads the frame count from the packet's table of contents (RFC 6716 section 3.1). */
    @Override
    public int framesIn(ByteBuf in, int offset, int length) {
        checkRange(in, offset, length);
        if (length == 0 || length > payload.length) {
            return CORRUPT;
        }
        in.getBytes(offset, payload, 0, Math.min(length, 2)); // the TOC byte, and code 3's frame count
        int frames = OpusPacketInfo.getNumSamples(payload, 0, length, sampleRate);
        return frames > 0 && frames <= MAX_PACKET_FRAMES_120_MS * sampleRate / 48_000 ? frames : CORRUPT;
    }

    /**
     * @param frames a multiple of 2.5 ms ({@code rate / 400} frames), at most what {@code out} holds
     */
    @Override
    public int decodeMissing(short[] out, int frames, ByteBuf next, int nextOffset, int nextLength) {
        int unit = OpusSettings.framesPer2500Micros(sampleRate);
        if (frames < unit || frames % unit != 0 || (long) frames * channels > out.length) {
            throw new IllegalArgumentException("Opus conceals whole multiples of " + unit + " frames (2.5 ms) that fit "
                    + out.length / channels + " frames, not " + frames);
        }
        if (fec && next != null) {
            checkRange(next, nextOffset, nextLength);
            if (nextLength > 0 && nextLength <= payload.length) {
                next.getBytes(nextOffset, payload, 0, nextLength);
                try {
                    // Concentus conceals whatever the LBRR copy does not cover, so this always
                    // yields the frames asked for.
                    return decoder.decode(payload, 0, nextLength, out, 0, frames, true);
                } catch (OpusException | IllegalArgumentException e) {
                    // The next packet is corrupt: fall through to plain concealment.
                } catch (RuntimeException | AssertionError e) {
                    decoder.resetState();
                }
            }
        }
        try {
            return decoder.decode(null, 0, 0, out, 0, frames, false);
        } catch (OpusException | RuntimeException | AssertionError e) {
            // Concealment reads no input, so this is Concentus failing: play silence, start clean.
            Arrays.fill(out, 0, frames * channels, (short) 0);
            decoder.resetState();
            return frames;
        }
    }

    /** @return whether this codec was made with FEC on */
    @Override
    public boolean supportsFec() {
        return fec;
    }

    @Override
    public void resetDecoder() {
        decoder.resetState();
    }

    private static void checkRange(ByteBuf in, int offset, int length) {
        if (offset < 0 || length < 0 || offset > in.capacity() - length) {
            throw new IndexOutOfBoundsException("payload of " + length + " bytes at " + offset
                    + " outside a buffer of capacity " + in.capacity());
        }
    }
}
