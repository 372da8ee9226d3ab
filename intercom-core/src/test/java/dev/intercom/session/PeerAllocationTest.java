package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.config.SessionConfig;
import dev.intercom.testing.FreePorts;
import dev.intercom.time.NanoClock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A self-talking L16 peer (48 kHz mono, block 64) allocates next to nothing per packet on the
 * threads that handle every packet: capture and send, receive, playout. Before the socket was
 * our own, Netty's datagram path took 63 B per packet on the capture thread and 275 B on the
 * event loop. The bound here, 16 B per packet on each thread, is far above what remains (under
 * 1 B: what the JIT's first seconds leave; the RTCP packet is handed to the timer thread through
 * a preallocated inbox) so a busy machine cannot fail it, and far below an envelope or an
 * address object per packet, which it would catch.
 * Figures come from {@link AllocationBenchmark} and {@code CpuBench}, not from here.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PeerAllocationTest {

    private static final double BOUND_BYTES_PER_PACKET = 16;

    @Test
    void captureSendReceiveAndPlayoutAllocateNextToNothingPerPacket() throws Exception {
        StreamFormat format = new StreamFormat(48_000, 1, 64);
        int port = FreePorts.udp();
        SessionConfig config = SessionConfig.builder().listen("127.0.0.1:" + port).peer("127.0.0.1:" + port)
                .blockFrames(64).jitterMs(3).input("tone").output("null").statsIntervalSeconds(0).build();
        Session session = Session.startPeer(config, new ToneInput(format, 440, NanoClock.SYSTEM),
                new NullOutput(format, NanoClock.SYSTEM), NanoClock.SYSTEM);
        try {
            Thread.sleep(2_000); // class loading and first-use caches happen here
            Map<String, Long> before = ThreadAllocations.of(ThreadAllocations.PER_PACKET_THREADS);
            long sentBefore = session.counters().sentPackets();
            long receivedBytesBefore = session.counters().receivedBytes();
            Thread.sleep(3_000);
            Map<String, Long> after = ThreadAllocations.of(ThreadAllocations.PER_PACKET_THREADS);
            long sent = session.counters().sentPackets() - sentBefore;
            long receivedBytes = session.counters().receivedBytes() - receivedBytesBefore;
            assertTrue(sent > 500 && receivedBytes > 500 * 140,
                    "too few packets to judge: sent " + sent + ", received " + receivedBytes + " bytes");
            for (String thread : after.keySet()) {
                double perPacket = (after.get(thread) - before.get(thread)) / (double) sent;
                assertTrue(perPacket < BOUND_BYTES_PER_PACKET,
                        thread + " allocated " + perPacket + " B per packet (bound " + BOUND_BYTES_PER_PACKET + ")");
            }
        } finally {
            session.stop();
        }
    }
}
