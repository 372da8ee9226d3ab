package dev.intercom.codec;

import io.netty.buffer.ByteBuf;

/**
 * Turns blocks of interleaved int16 samples into RTP payloads and back: one implementation per
 * payload format ({@link L16PayloadCodec}, {@link OpusPayloadCodec}).
 *
 * <p><b>Threads.</b> The encoding side ({@link #encode}) and the decoding side ({@link #decode},
 * {@link #decodeMissing}, {@link #resetDecoder}) share no mutable state, so one thread may encode
 * while another decodes; each side on its own is single-threaded.
 *
 * <p><b>Order.</b> A codec such as Opus keeps state from one packet to the next, so the decoding
 * side must see the stream in order: every packet either decoded or, if it never came, replaced
 * by one {@link #decodeMissing} call of its length. Decoding at arrival, out of order, or
 * skipping a gap leaves the decoder's prediction wrong for the packets that follow.
 *
 * <p><b>Errors.</b> Payloads are untrusted input: a payload that cannot be decoded makes
 * {@link #decode} return {@link #CORRUPT}, never throw. Exceptions are kept for the caller's own
 * mistakes (a block of the wrong size, an output array too small for the frames asked for).
 *
 * <p>Steady state allocates nothing in this package: scratch buffers are made in constructors.
 */
public interface PayloadCodec {

    /** {@link #decode} result for a payload that cannot be decoded; the caller counts it as malformed. */
    int CORRUPT = -1;

    /**
     * {@link #decodeMissing} result when this codec has no concealment of its own (L16): the
     * caller conceals with the jitter buffer's concealer instead.
     */
    int NOT_SUPPORTED = -1;

    /** @return the RTP encoding name, as SDP writes it: {@code L16} or {@code opus} */
    String name();

    /**
     * @return the RTP timestamp clock in Hz: the sample rate for L16, always 48000 for Opus (RFC
     *         7587 section 4.1), whatever the session's sample rate. The timestamp of a block of
     *         {@code f} frames advances by {@code f * clockRate() / sampleRate}.
     */
    int clockRate();

    /**
     * @return the delay the codec adds between a sample going into {@link #encode} and the same
     *         sample coming out of {@link #decode}, in frames at the session's rate (0 for L16;
     *         Opus's look-ahead), on top of the block itself
     */
    int delayFrames();

    /**
     * Appends the payload of one block at {@code out}'s writer index.
     *
     * @param block  interleaved samples; the first {@code frames * channels} are encoded
     * @param frames frames in the block (Opus: exactly the block size it was made for)
     * @param out    destination, grown if needed
     * @return bytes written
     * @throws IllegalArgumentException if {@code frames} is not a block this codec can encode or
     *                                  {@code block} is too short
     */
    int encode(short[] block, int frames, ByteBuf out);

    /**
     * Decodes one payload into the start of {@code out}. Neither of {@code in}'s indices moves.
     *
     * @param in     holds the payload
     * @param offset absolute index of the payload's first byte
     * @param length payload bytes
     * @param out    receives interleaved samples; its length bounds the frames a payload may hold
     * @return frames decoded, or {@link #CORRUPT} if the payload is malformed or holds more
     *         frames than {@code out} can take (nothing meaningful is left in {@code out}; conceal
     *         those frames)
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} fall outside {@code in}
     */
    int decode(ByteBuf in, int offset, int length, short[] out);

    /**
     * Tells how many frames a payload holds without decoding it (the decoder's state is not
     * touched), so a packet can be judged and wait encoded until its audio is wanted.
     *
     * @param in     holds the payload
     * @param offset absolute index of the payload's first byte
     * @param length payload bytes
     * @return frames it holds, or {@link #CORRUPT} if its framing says nothing sensible
     */
    int framesIn(ByteBuf in, int offset, int length);

    /**
     * Produces {@code frames} frames for a packet that never arrived, in its place in the stream:
     * from the in-band FEC carried by the next packet when this codec sends FEC and
     * {@code next} is given, otherwise by the codec's own packet-loss concealment.
     *
     * <p>With FEC the next packet is then decoded normally with {@link #decode}, as usual.
     *
     * @param out        receives {@code frames} interleaved frames
     * @param frames     frames to produce: the missing packet's length (Opus: a multiple of 2.5 ms)
     * @param next       the packet after the missing one, or {@code null} if it is not here yet
     * @param nextOffset absolute index of {@code next}'s payload (ignored without {@code next})
     * @param nextLength bytes in {@code next}'s payload (ignored without {@code next})
     * @return {@code frames}, or {@link #NOT_SUPPORTED} if this codec cannot conceal (L16)
     * @throws IllegalArgumentException if {@code frames} is not a length this codec can conceal
     *                                  or {@code out} is too short
     */
    int decodeMissing(short[] out, int frames, ByteBuf next, int nextOffset, int nextLength);

    /**
     * @return whether this codec's packets carry in-band FEC, so that passing the next packet to
     *         {@link #decodeMissing} can recover a lost one (worth waiting for it if the playout
     *         delay allows)
     */
    boolean supportsFec();

    /**
     * Forgets the decoding history, as for a new stream (a new SSRC or a resynchronisation), so
     * the next payload is decoded without reference to what came before.
     */
    void resetDecoder();
}
