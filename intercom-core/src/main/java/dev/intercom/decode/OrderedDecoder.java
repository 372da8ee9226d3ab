package dev.intercom.decode;

import dev.intercom.codec.PayloadCodec;
import dev.intercom.jitter.FrameSource;
import dev.intercom.rtp.SequenceNumbers;
import dev.intercom.stats.DropReason;
import dev.intercom.stats.SessionCounters;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Decodes a codec that keeps state between packets (Opus) in stream order, when the jitter
 * buffer asks ({@link #produce}): the packets wait encoded in a reorder window indexed by
 * sequence number; the buffer has those that follow on in order decoded as they come, and
 * decides what becomes of a missing one when it is about to play its frames.
 *
 * <p>The packet next in sequence is decoded as soon as its audio is wanted. A packet that is
 * missing while later ones wait is waited for until its audio is about to be played; then it is
 * given up and replaced, in its place in the stream, by the FEC copy the next packet carries if
 * that one is here, or else by the codec's own concealment. So a packet that arrives out of
 * order is decoded where it belongs, not after the packets that overtook it (which would leave
 * the decoder's prediction wrong for both), and concealment extrapolates from the audio just
 * before the gap. A missing packet whose place the buffer has already played (concealing it
 * itself, with this same decoder, while it had nothing else) is only skipped.
 *
 * <p>It never calls the buffer: the buffer judges every packet when it arrives (late, duplicate,
 * stray, new stream) and hands this decoder only those it accepted ({@link #hold}, or
 * {@link #follow} for the first packet of a stream).
 *
 * <p>Single-threaded (the playout thread); allocates nothing after construction.
 */
public final class OrderedDecoder implements FrameSource {

    private final PayloadCodec decoder;
    private final SessionCounters counters;
    private final short[] samples;

    private final int windowMask;
    private final boolean[] held;
    private final PacketSlots window;
    private int heldCount;
    /** Packets dropped undecoded because the window was full, not yet taken. */
    private int overflowed;

    private boolean started;
    /** The sequence number of the next packet to decode. */
    private int expected;
    /** Its RTP timestamp, as far as the packets before it tell. */
    private long expectedTimestamp;
    /** Frames in the last packet decoded: the length a missing packet is assumed to have. */
    private int lastFrames;

    /**
     * @param decoder           decodes the stream; the buffer's concealer must use this one too
     * @param counters          where undecodable payloads are counted (reason {@link DropReason#UNDECODABLE})
     * @param windowPackets     packets the reorder window holds, a power of two
     * @param maxPayloadBytes   the largest payload
     * @param maxDecodedSamples the most interleaved samples one payload may decode to
     */
    public OrderedDecoder(PayloadCodec decoder, SessionCounters counters, int windowPackets, int maxPayloadBytes,
            int maxDecodedSamples) {
        if (Integer.bitCount(windowPackets) != 1 || windowPackets < 2) {
            throw new IllegalArgumentException("the reorder window must be a power of two of at least 2: "
                    + windowPackets);
        }
        this.decoder = decoder;
        this.counters = counters;
        this.samples = new short[maxDecodedSamples];
        this.windowMask = windowPackets - 1;
        this.held = new boolean[windowPackets];
        this.window = new PacketSlots(windowPackets, maxPayloadBytes);
    }

    /**
     * Starts decoding a new stream (the buffer started or resynchronised on it) from the packet
     * {@code sequence}: what waits is forgotten and the decoder starts clean.
     */
    public void follow(int sequence, long timestamp) {
        if (started) {
            decoder.resetDecoder();
        }
        started = true;
        expected = sequence;
        expectedTimestamp = timestamp;
        lastFrames = 0;
        Arrays.fill(held, false);
        heldCount = 0;
    }

    /**
     * Keeps a packet the buffer accepted until its audio is wanted. If it lies beyond the
     * window, the oldest packets waiting are dropped to make room (counted in
     * {@link #takeOverflowed}): the newest audio matters, and a window that filled while
     * nothing was played (a long start-up) must not refuse every packet after it.
     *
     * @return false if it cannot be decoded in order any more (its place was already decoded
     *     without it); it is then dropped
     */
    public boolean hold(int sequence, long timestamp, ByteBuf packet, int offset, int length, long arrivalNanos) {
        if (!started || SequenceNumbers.delta(sequence, expected) < 0) {
            return false;
        }
        while (SequenceNumbers.delta(sequence, expected) > windowMask) {
            dropOldest();
        }
        int slot = sequence & windowMask;
        if (held[slot]) {
            return false;
        }
        window.store(slot, 0, sequence, timestamp, packet, offset, length, arrivalNanos);
        held[slot] = true;
        heldCount++;
        return true;
    }

    @Override
    public void produce(long from, long upTo, Missing missing, Output into) {
        while (started) {
            int slot = expected & windowMask;
            if (held[slot]) {
                if (SequenceNumbers.timestampDelta(window.timestamp(slot), upTo) >= 0) {
                    return; // not wanted yet
                }
                if (lastFrames > 0 && SequenceNumbers.timestampDelta(
                        SequenceNumbers.advanceTimestamp(window.timestamp(slot), 2L * lastFrames), from) <= 0) {
                    // The buffer skipped past it and the packet after it (a start, a drop): not
                    // worth decoding, only the last packet or two before the jump are, to prime
                    // the decoder. Decoding a whole skipped backlog at once would stall playout.
                    skipHeld(slot);
                    continue;
                }
                decodeNext(slot, into);
            } else if (heldCount > 0 && SequenceNumbers.timestampDelta(expectedTimestamp, upTo) < 0) {
                // A packet is missing where audio is wanted, and later ones wait.
                boolean playedPast = lastFrames == 0 || SequenceNumbers.timestampDelta(
                        SequenceNumbers.advanceTimestamp(expectedTimestamp, lastFrames), from) <= 0;
                if (playedPast) {
                    // The buffer concealed this stretch itself (with this decoder) while it had
                    // nothing else to play, or dropped it: nothing to replace, only to skip.
                    passMissing();
                } else if (missing == Missing.WAIT) {
                    return; // the buffer only reads ahead: the packet may still come in time
                } else {
                    replaceMissing(missing == Missing.REPLACE, into);
                }
            } else {
                return;
            }
        }
    }

    /** Moves past the packet in {@code slot}, the one expected, without decoding it. */
    private void skipHeld(int slot) {
        held[slot] = false;
        heldCount--;
        expectedTimestamp = window.timestamp(slot);
        passMissing();
    }

    /** Decodes the packet in {@code slot}, the one expected; an undecodable one is concealed in its place. */
    private void decodeNext(int slot, Output into) {
        held[slot] = false;
        heldCount--;
        long timestamp = window.timestamp(slot);
        int frames = decoder.decode(window.payload(slot), 0, window.length(slot), samples);
        if (frames <= 0) {
            counters.drop(DropReason.UNDECODABLE);
            expectedTimestamp = timestamp;
            conceal(into); // in its place, like a packet that never came
            return;
        }
        into.produced(timestamp, samples, frames, Kind.RECEIVED, window.arrivalNanos(slot));
        lastFrames = frames;
        expected = SequenceNumbers.next(expected);
        expectedTimestamp = SequenceNumbers.advanceTimestamp(timestamp, frames);
    }

    /**
     * Replaces the missing packet at the head of the window: FEC from the next packet if it is
     * here, else concealment (or, if {@code conceal} is false, nothing: it is skipped).
     */
    private void replaceMissing(boolean conceal, Output into) {
        int next = (expected + 1) & windowMask;
        if (decoder.supportsFec() && held[next]) {
            int got = decoder.decodeMissing(samples, lastFrames, window.payload(next), 0, window.length(next));
            if (got > 0) {
                into.produced(expectedTimestamp, samples, got, Kind.RECOVERED, window.arrivalNanos(next));
            }
            passMissing();
        } else if (conceal) {
            conceal(into);
        } else {
            passMissing();
        }
    }

    /** Conceals the packet at {@link #expected} with the codec's own concealment, and moves past it. */
    private void conceal(Output into) {
        if (lastFrames > 0) {
            int got = decoder.decodeMissing(samples, lastFrames, null, 0, 0);
            if (got > 0) {
                into.produced(expectedTimestamp, samples, got, Kind.CONCEALED, 0);
            }
        }
        passMissing();
    }

    /** Drops the packet (or the gap) at the head of the window, undecoded. */
    private void dropOldest() {
        int slot = expected & windowMask;
        if (held[slot]) {
            overflowed++;
            skipHeld(slot);
        } else {
            passMissing();
        }
    }

    /** @return how many packets were dropped undecoded to make room since the last call, and resets the count */
    public int takeOverflowed() {
        int n = overflowed;
        overflowed = 0;
        return n;
    }

    /** Moves past the missing packet at {@link #expected}, assumed as long as the last one decoded. */
    private void passMissing() {
        expected = SequenceNumbers.next(expected);
        if (lastFrames > 0) {
            expectedTimestamp = SequenceNumbers.advanceTimestamp(expectedTimestamp, lastFrames);
        } else {
            // Nothing decoded yet to tell the length: the next packet that waits tells where it starts.
            int slot = expected & windowMask;
            if (held[slot]) {
                expectedTimestamp = window.timestamp(slot);
            }
        }
    }
}
