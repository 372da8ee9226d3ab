package dev.intercom.session;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.config.SessionConfig;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.FreePorts;
import dev.intercom.time.NanoClock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prints the bytes each session thread allocates per packet in steady state, measured with
 * {@code ThreadMXBean.getThreadAllocatedBytes} over a self-talking peer at 48 kHz mono: L16 with
 * 64-frame blocks, and Opus with 10 ms blocks (decoded on the playout thread). Run with
 * {@code mvn verify -Dbenchmarks}; {@code dev.intercom.bench.CpuBench} measures two processes.
 */
@Tag("benchmark")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AllocationBenchmark {

    @Test
    void bytesAllocatedPerPacketOnEachThread() throws Exception {
        measure("l16", 64);
        measure("opus", 480);
    }

    private static void measure(String codec, int block) throws Exception {
        StreamFormat format = new StreamFormat(48_000, 1, block);
        int port = FreePorts.udp();
        SessionConfig config = SessionConfig.builder().listen("127.0.0.1:" + port).peer("127.0.0.1:" + port)
                .codec(codec).blockFrames(block).jitterMs(3).input("tone").output("null").statsIntervalSeconds(0)
                .build();
        Session session = Session.startPeer(config, new ToneInput(format, 440, NanoClock.SYSTEM),
                new NullOutput(format, NanoClock.SYSTEM), NanoClock.SYSTEM);
        Thread.sleep(3_000); // warm up: JIT, pools, caches
        Map<String, Long> before = ThreadAllocations.of(ThreadAllocations.PER_PACKET_THREADS);
        long packetsBefore = packets(session);
        Thread.sleep(5_000);
        Map<String, Long> after = ThreadAllocations.of(ThreadAllocations.PER_PACKET_THREADS);
        long packets = packets(session) - packetsBefore;
        SessionSummary summary = session.stop();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "ALLOCATION %s: %d packets;", codec, packets));
        for (String name : after.keySet()) {
            line.append(String.format(Locale.ROOT, " %s %.2f B/packet;", name,
                    (after.get(name) - before.get(name)) / (double) packets));
        }
        System.out.println(line);
        System.out.println("  " + summary.toText().replace("\n", "\n  "));
    }

    private static long packets(Session session) {
        return session.counters().sentPackets();
    }
}
