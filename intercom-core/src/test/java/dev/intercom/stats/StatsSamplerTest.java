package dev.intercom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.intercom.audio.StreamFormat;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.jitter.RepeatFadeConcealer;
import org.junit.jupiter.api.Test;

/** The latencies a row adds up, from a real jitter buffer's snapshot. */
class StatsSamplerTest {

    private static final StreamFormat BLOCK_128 = new StreamFormat(48_000, 1, 128);
    private static final long MS = 1_000_000;

    private long nowNanos;
    private final SessionCounters counters = new SessionCounters();
    private final JitterBuffer buffer = new JitterBuffer(BLOCK_128, 2880, 8192, 24_000, 4,
            new RepeatFadeConcealer(BLOCK_128));
    private final StatsSampler sampler = new StatsSampler(counters, buffer::snapshot, BLOCK_128, () -> nowNanos,
            () -> -1, 0);

    /**
     * A frame waits for the rest of the sender's packet before it is sent, and the buffer's wait
     * counts from where the packet's first frame would have arrived. So e2e counts the sender's
     * packet: ffmpeg's 700-frame (14.58 ms) L16 packets into our 128-frame blocks read 11.9 ms
     * low when it counted our block.
     */
    @Test
    void theSendersPacketIsCountedNotOurBlock() {
        buffer.offer(1, 0, 0, new short[700], 700, 0);
        counters.bufferWait(5 * MS);
        nowNanos = 1000 * MS;
        StatsRow row = new StatsRow();
        sampler.sample(row);
        double packetMs = 700 / 48.0;
        assertEquals(packetMs + 5.0, row.e2eLatencyMs, 0.01, "packet + wait; no devices, no network");
        assertEquals(packetMs + 60.0, row.idealLatencyMs, 0.01, "packet + target");
    }

    @Test
    void beforeAnyPacketTheIdealLatencyCountsOurBlock() {
        nowNanos = 1000 * MS;
        StatsRow row = new StatsRow();
        sampler.sample(row);
        assertEquals(128 / 48.0 + 60.0, row.idealLatencyMs, 0.01);
        assertEquals(Double.NaN, row.e2eLatencyMs, "nothing waited yet");
    }
}
