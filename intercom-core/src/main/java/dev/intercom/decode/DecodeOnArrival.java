package dev.intercom.decode;

import dev.intercom.codec.PayloadCodec;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.net.PacketSink;
import dev.intercom.stats.DropReason;
import dev.intercom.stats.SessionCounters;
import io.netty.buffer.ByteBuf;

/**
 * Decodes each packet on the receive thread as it arrives and offers its samples to the jitter
 * buffer, which puts them in place by timestamp: right for a codec without state between
 * packets (L16), where arrival order does not matter. Allocates nothing.
 */
public final class DecodeOnArrival implements PacketSink {

    private final PayloadCodec codec;
    private final JitterBuffer buffer;
    private final SessionCounters counters;
    private final short[] samples;

    /**
     * @param codec             a codec that keeps no state between packets
     * @param buffer            where the samples go
     * @param counters          where undecodable payloads are counted (reason {@link DropReason#UNDECODABLE})
     * @param maxDecodedSamples the most interleaved samples one payload may decode to
     */
    public DecodeOnArrival(PayloadCodec codec, JitterBuffer buffer, SessionCounters counters, int maxDecodedSamples) {
        this.codec = codec;
        this.buffer = buffer;
        this.counters = counters;
        this.samples = new short[maxDecodedSamples];
    }

    @Override
    public void accept(long ssrc, int sequence, long timestamp, ByteBuf packet, int offset, int length,
            long arrivalNanos) {
        int frames = codec.decode(packet, offset, length, samples);
        if (frames <= 0) {
            counters.drop(DropReason.UNDECODABLE);
            return;
        }
        buffer.offer(ssrc, sequence, timestamp, samples, frames, arrivalNanos);
    }
}
