package dev.intercom.decode;

import dev.intercom.codec.PayloadCodec;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.net.PacketSink;
import dev.intercom.stats.DropReason;
import dev.intercom.stats.SessionCounters;
import io.netty.buffer.ByteBuf;

/**
 * The receive path of a codec that keeps state between packets (Opus): the receive thread only
 * queues each packet ({@link #queue()}); just before each block, on the playout thread,
 * {@link #takeArrivals()} shows every queued packet to the jitter buffer, which judges it by
 * its RTP fields and arrival time as it would any packet, and passes those it accepts, still
 * encoded, to the {@link OrderedDecoder}; the buffer then has the decoder decode what follows on
 * in order ({@link JitterBuffer#decodeWaiting}), and decides, when it reads their frames, what
 * becomes of the packets still missing (its {@link dev.intercom.jitter.FrameSource}).
 *
 * <p>So neither the buffer nor the decoder calls the other: this class hands packets from one
 * to the other in arrival order, and the buffer pulls decoded audio when it needs it.
 * Single-threaded (the playout thread); allocates nothing.
 */
public final class DecodeInStreamOrder implements PacketSink {

    private final EncodedPacketQueue queue;
    private final PayloadCodec codec;
    private final JitterBuffer buffer;
    private final OrderedDecoder decoder;
    private final SessionCounters counters;

    /**
     * @param queue    where the receive thread puts the packets
     * @param codec    the stream's decoder: only asked how many frames a packet holds
     * @param buffer   judges each packet and plays; its frame source must be {@code decoder}
     * @param decoder  keeps the accepted packets until the buffer wants their audio
     * @param counters where payloads that tell no frame count are counted (reason {@link DropReason#UNDECODABLE})
     */
    public DecodeInStreamOrder(EncodedPacketQueue queue, PayloadCodec codec, JitterBuffer buffer,
            OrderedDecoder decoder, SessionCounters counters) {
        this.queue = queue;
        this.codec = codec;
        this.buffer = buffer;
        this.decoder = decoder;
        this.counters = counters;
    }

    /** @return the queue the receive thread puts the packets in */
    public EncodedPacketQueue queue() {
        return queue;
    }

    /**
     * Shows every queued packet to the buffer, in arrival order, and keeps those it accepts:
     * call once before each poll of the buffer (playout thread only).
     *
     * @param nowNanos the current time (unused: each packet carries its arrival time)
     */
    public void takeArrivals(long nowNanos) {
        if (queue.drainTo(this) > 0) {
            buffer.decodeWaiting();
        }
    }

    /** Takes one queued packet (called by {@link EncodedPacketQueue#drainTo}). */
    @Override
    public void accept(long ssrc, int sequence, long timestamp, ByteBuf packet, int offset, int length,
            long arrivalNanos) {
        int frames = codec.framesIn(packet, offset, length);
        if (frames <= 0) {
            counters.drop(DropReason.UNDECODABLE);
            return;
        }
        switch (buffer.admit(ssrc, sequence, timestamp, frames, arrivalNanos)) {
            case STARTED, RESYNC -> {
                decoder.follow(sequence, timestamp);
                decoder.hold(sequence, timestamp, packet, offset, length, arrivalNanos);
            }
            case ACCEPTED -> {
                if (!decoder.hold(sequence, timestamp, packet, offset, length, arrivalNanos)) {
                    buffer.countLate(); // its place was decoded without it after all
                }
                for (int n = decoder.takeOverflowed(); n > 0; n--) {
                    buffer.overflowedUpstream(); // dropped undecoded to make room: audio lost for want of room
                }
            }
            case DUPLICATE, LATE, STRAY -> {
                // Counted by the buffer; nothing to decode.
            }
        }
    }
}
