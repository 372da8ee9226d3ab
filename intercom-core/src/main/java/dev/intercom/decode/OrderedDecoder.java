package dev.intercom.decode;

import dev.intercom.codec.PayloadCodec;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.rtp.SequenceNumbers;
import dev.intercom.net.PacketSink;
import dev.intercom.stats.SessionCounters;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Decodes a codec that keeps state between packets (Opus) in stream order, on the playout
 * thread, just before each block is taken from the jitter buffer.
 *
 * <p>Packets come from an {@link EncodedPacketQueue} and wait in a reorder window indexed by
 * sequence number. The next packet in sequence is decoded and offered as soon as it is here.
 * A packet that is missing while later ones wait is waited for until its audio is about to be
 * played (the next poll of the buffer would read it); then it is given up and replaced, in its
 * place in the stream, by the FEC copy the next packet carries if that one is here, or else by
 * the codec's own concealment (offered as concealed audio). So a packet
 * that arrives out of order is decoded where it belongs, not after the packets that overtook
 * it (which would leave the decoder's prediction wrong for both), and concealment extrapolates
 * from the audio just before the gap. A packet that comes after it was given up, or twice, is
 * counted by the buffer as late or duplicate and never decoded.
 *
 * <p>While the buffer has run dry it conceals the outage itself with the same decoder (its
 * {@code CodecConcealer}), which is then in order too; a gap given up during a dry spell is
 * therefore not concealed a second time, only skipped (or recovered by FEC).
 *
 * <p>Packets of another SSRC are decoded with a second decoder of their own and offered; the
 * buffer decides whether they are strays or a new stream. When it follows a new stream, this
 * decoder follows too: the window is cleared and the main decoder, reset, takes up the new
 * stream from the packet the buffer started with.
 *
 * <p>Single-threaded (the playout thread); allocates nothing after construction.
 */
public final class OrderedDecoder implements PacketSink {

    /** Sequence numbers further ahead than this are a jump (as RFC 3550's MAX_DROPOUT), not a gap to wait out. */
    private static final int MAX_GAP_PACKETS = 3000;
    /** Sequence numbers up to this far behind are late packets; further behind, a jump (as the jitter buffer judges). */
    private static final int MAX_LATE_PACKETS = 1000;

    private final EncodedPacketQueue queue;
    private final PayloadCodec decoder;
    private final PayloadCodec strayDecoder;
    private final JitterBuffer buffer;
    private final SessionCounters counters;
    private final int undecodable;
    private final int dueWithinFrames;
    private final short[] samples;

    private final int windowMask;
    private final boolean[] held;
    private final PacketSlots window;
    private int heldCount;

    private boolean started;
    private long ssrc;
    /** The highest sequence number that has arrived, to tell the packets that were overtaken. */
    private int highestArrived;
    /** The sequence number of the next packet to decode. */
    private int expected;
    /** Its RTP timestamp, as far as the packets before it tell. */
    private long expectedTimestamp;
    /** Frames in the last packet decoded: the length a missing packet is assumed to have. */
    private int lastFrames;
    private boolean strayKnown;
    private long straySsrc;

    /**
     * @param queue             where the event loop puts the packets
     * @param decoder           decodes the stream the buffer plays; the buffer's concealer must use this one too
     * @param strayDecoder      a second instance of the same codec, for packets of another SSRC
     * @param buffer            where decoded, recovered and concealed audio goes
     * @param counters          where undecodable payloads are counted (reason {@link #UNDECODABLE})
     * @param blockFrames       frames the playout thread takes per block
     * @param windowPackets     packets the reorder window holds, a power of two
     * @param maxPayloadBytes   the largest payload (the queue's slot size)
     * @param maxDecodedSamples the most interleaved samples one payload may decode to
     */
    public OrderedDecoder(EncodedPacketQueue queue, PayloadCodec decoder, PayloadCodec strayDecoder,
            JitterBuffer buffer, SessionCounters counters, int blockFrames, int windowPackets, int maxPayloadBytes,
            int maxDecodedSamples) {
        if (Integer.bitCount(windowPackets) != 1 || windowPackets < 2) {
            throw new IllegalArgumentException("the reorder window must be a power of two of at least 2: "
                    + windowPackets);
        }
        this.queue = queue;
        this.decoder = decoder;
        this.strayDecoder = strayDecoder;
        this.buffer = buffer;
        this.counters = counters;
        this.undecodable = counters.reason(UNDECODABLE);
        // The next poll reads one block, a few percent more while shedding delay, and one frame
        // beyond to interpolate: a gap starting later than that can still wait a block.
        this.dueWithinFrames = blockFrames + blockFrames / 16 + 2;
        this.samples = new short[maxDecodedSamples];
        this.windowMask = windowPackets - 1;
        this.held = new boolean[windowPackets];
        this.window = new PacketSlots(windowPackets, maxPayloadBytes);
    }

    /** @return the queue the event loop puts the packets in */
    public EncodedPacketQueue queue() {
        return queue;
    }

    /**
     * Takes every queued packet, decodes what is in order, and gives up the missing packets
     * whose audio is due: call once before each poll of the buffer.
     *
     * @param nowNanos the current time
     */
    public void decodeDue(long nowNanos) {
        queue.drainTo(this);
        while (heldCount > 0 && missingPacketIsDue()) {
            giveUpMissing(nowNanos);
            decodeInOrder();
        }
    }

    /** Takes one packet from the queue (called by {@link EncodedPacketQueue#drainTo}). */
    @Override
    public void accept(long packetSsrc, int sequence, long timestamp, ByteBuf packet, int offset, int length,
            long arrivalNanos) {
        if (!started) {
            follow(packetSsrc, sequence, timestamp);
        }
        if (packetSsrc != ssrc) {
            decodeStray(packetSsrc, sequence, timestamp, packet, offset, length, arrivalNanos);
            return;
        }
        int ahead = SequenceNumbers.delta(sequence, expected);
        if (ahead < 0 && ahead >= -MAX_LATE_PACKETS) {
            // Its place was decoded without it (given up), or it is a copy of one decoded.
            buffer.offerLate(packetSsrc, sequence, timestamp, Math.max(1, lastFrames), arrivalNanos);
            return;
        }
        if (ahead < 0 || ahead > MAX_GAP_PACKETS) {
            // The sender jumped: what waits belongs before the jump; decode it and start again here.
            flushWindow();
            follow(packetSsrc, sequence, timestamp);
        }
        while (SequenceNumbers.delta(sequence, expected) > windowMask) {
            giveUpMissing(arrivalNanos); // no room to wait that long: the oldest gaps go first
            decodeInOrder();
        }
        int slot = sequence & windowMask;
        if (held[slot]) {
            buffer.offerLate(packetSsrc, sequence, timestamp, Math.max(1, lastFrames), arrivalNanos); // a duplicate
            return;
        }
        if (SequenceNumbers.delta(sequence, highestArrived) < 0) {
            buffer.countReordered(); // the buffer sees it in order, so it cannot count it itself
        } else {
            highestArrived = sequence;
        }
        window.store(slot, packetSsrc, sequence, timestamp, packet, offset, length, arrivalNanos);
        held[slot] = true;
        heldCount++;
        decodeInOrder();
    }

    /** Decodes and offers the waiting packets that follow on from the last one decoded. */
    private void decodeInOrder() {
        while (held[expected & windowMask]) {
            int slot = expected & windowMask;
            held[slot] = false;
            heldCount--;
            long timestamp = window.timestamp(slot);
            int frames = decoder.decode(window.payload(slot), 0, window.length(slot), samples);
            if (frames <= 0) {
                counters.malformed(undecodable);
                expectedTimestamp = timestamp;
                concealMissing(window.arrivalNanos(slot)); // in its place, like a packet that never came
                continue;
            }
            buffer.offer(ssrc, expected, timestamp, samples, frames, window.arrivalNanos(slot));
            lastFrames = frames;
            expected = SequenceNumbers.next(expected);
            expectedTimestamp = SequenceNumbers.advanceTimestamp(timestamp, frames);
        }
    }

    /**
     * @return whether the missing packet at the head of the window must be replaced now: its
     *         audio is about to be read, or the buffer has nothing else to play
     */
    private boolean missingPacketIsDue() {
        if (!buffer.hasAudioAhead()) {
            return true;
        }
        long readTimestamp = (long) Math.floor(buffer.readPosition());
        return SequenceNumbers.timestampDelta(expectedTimestamp, readTimestamp) < dueWithinFrames;
    }

    /** Replaces the missing packet at the head of the window: FEC from the next one if here, else concealment. */
    private void giveUpMissing(long nowNanos) {
        int next = (expected + 1) & windowMask;
        if (lastFrames > 0 && decoder.supportsFec() && held[next]) {
            int got = decoder.decodeMissing(samples, lastFrames, window.payload(next), 0, window.length(next));
            if (got > 0) {
                buffer.offerRecovered(ssrc, expectedTimestamp, samples, got, window.arrivalNanos(next));
            }
            passMissing();
            return;
        }
        concealMissing(nowNanos);
    }

    /** Conceals the packet at {@link #expected} with the codec's own concealment, and moves past it. */
    private void concealMissing(long nowNanos) {
        if (lastFrames > 0 && buffer.hasAudioAhead()) {
            int got = decoder.decodeMissing(samples, lastFrames, null, 0, 0);
            if (got > 0) {
                buffer.offerConcealed(ssrc, expectedTimestamp, samples, got, nowNanos);
            }
        }
        // Dry, the buffer is concealing this outage itself with the same decoder: skip only.
        passMissing();
    }

    /** Moves past the missing packet at {@link #expected}, assumed as long as the last one decoded. */
    private void passMissing() {
        expected = SequenceNumbers.next(expected);
        expectedTimestamp = SequenceNumbers.advanceTimestamp(expectedTimestamp, lastFrames);
    }

    /** Decodes every waiting packet in sequence order, skipping the gaps between them. */
    private void flushWindow() {
        decodeInOrder();
        while (heldCount > 0) {
            expected = SequenceNumbers.next(expected);
            decodeInOrder();
        }
    }

    /** Starts decoding a stream whose next packet is {@code sequence}. */
    private void follow(long newSsrc, int sequence, long timestamp) {
        started = true;
        ssrc = newSsrc;
        expected = sequence;
        highestArrived = (sequence - 1) & (SequenceNumbers.SEQUENCE_MODULUS - 1); // as if the one before had come
        expectedTimestamp = timestamp;
        Arrays.fill(held, false);
        heldCount = 0;
    }

    /**
     * Decodes a packet of another SSRC on the stray decoder and offers it. If the buffer takes it
     * as the start of a new stream, the main decoder follows that stream from the next packet on,
     * primed with this one so the second packet does not start from silence.
     */
    private void decodeStray(long packetSsrc, int sequence, long timestamp, ByteBuf packet, int offset, int length,
            long arrivalNanos) {
        if (!strayKnown || packetSsrc != straySsrc) {
            strayDecoder.resetDecoder();
            strayKnown = true;
            straySsrc = packetSsrc;
        }
        int frames = strayDecoder.decode(packet, offset, length, samples);
        if (frames <= 0) {
            counters.malformed(undecodable);
            return;
        }
        JitterBuffer.Offer outcome = buffer.offer(packetSsrc, sequence, timestamp, samples, frames, arrivalNanos);
        if (outcome == JitterBuffer.Offer.STRAY) {
            return;
        }
        decoder.resetDecoder();
        decoder.decode(packet, offset, length, samples);
        follow(packetSsrc, SequenceNumbers.next(sequence), SequenceNumbers.advanceTimestamp(timestamp, frames));
        lastFrames = frames;
        strayKnown = false;
    }
}
