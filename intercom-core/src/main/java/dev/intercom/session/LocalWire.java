package dev.intercom.session;

import dev.intercom.jitter.JitterBuffer;
import dev.intercom.stats.SessionCounters;

/**
 * A wire from the capture thread straight into the jitter buffer, with no network: what
 * {@code intercom loopback} uses to measure the latency of the devices and the buffer alone.
 * Blocks are numbered as RTP would number them.
 */
final class LocalWire implements BlockSink {

    private static final long SSRC = 1;
    private final JitterBuffer buffer;
    private final SessionCounters counters;
    private final int frames;
    private final int bytesPerBlock;
    private int sequence;
    private long timestamp;

    LocalWire(JitterBuffer buffer, SessionCounters counters, int blockFrames, int bytesPerBlock) {
        this.buffer = buffer;
        this.counters = counters;
        this.frames = blockFrames;
        this.bytesPerBlock = bytesPerBlock;
    }

    @Override
    public void accept(short[] block, long nowNanos) {
        counters.sent(bytesPerBlock);
        counters.received(bytesPerBlock);
        buffer.offer(SSRC, sequence, timestamp, block, frames, nowNanos);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + frames) & 0xFFFF_FFFFL;
    }
}
