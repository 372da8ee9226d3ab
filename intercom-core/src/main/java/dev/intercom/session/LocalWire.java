package dev.intercom.session;

import dev.intercom.audio.StreamFormat;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.rtp.SequenceNumbers;
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

    LocalWire(JitterBuffer buffer, SessionCounters counters, StreamFormat format) {
        this.buffer = buffer;
        this.counters = counters;
        this.frames = format.blockFrames();
        this.bytesPerBlock = format.bytesPerBlock(); // no RTP header: nothing goes on a wire
    }

    @Override
    public void accept(short[] block, long nowNanos) {
        counters.sent(bytesPerBlock);
        counters.received(bytesPerBlock);
        buffer.offer(SSRC, sequence, timestamp, block, frames, nowNanos);
        sequence = SequenceNumbers.next(sequence);
        timestamp = SequenceNumbers.advanceTimestamp(timestamp, frames);
    }

    @Override
    public void skip(long skipped) {
        timestamp = SequenceNumbers.advanceTimestamp(timestamp, skipped);
    }
}
