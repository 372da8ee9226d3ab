package dev.intercom.session;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.config.SessionConfig;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.FreePorts;
import dev.intercom.time.NanoClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * 64-frame blocks on epoll and on NIO, and Opus with 10 ms blocks (decoded on the playout
 * thread) on epoll. Run with {@code mvn verify -Dbenchmarks}.
 */
@Tag("benchmark")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AllocationBenchmark {

    private static final String[] THREADS = {"intercom-capture", "intercom-net", "intercom-playout"};

    @Test
    void bytesAllocatedPerPacketOnEachThread() throws Exception {
        measure("epoll", "l16", 64);
        measure("nio", "l16", 64);
        measure("epoll", "opus", 480);
    }

    private static void measure(String transport, String codec, int block) throws Exception {
        System.setProperty("intercom.transport", transport);
        try {
            StreamFormat format = new StreamFormat(48_000, 1, block);
            int port = FreePorts.udp();
            SessionConfig config = SessionConfig.builder().listen("127.0.0.1:" + port).peer("127.0.0.1:" + port)
                    .codec(codec).blockFrames(block).jitterMs(3).input("tone").output("null").statsIntervalSeconds(0)
                    .build();
            Session session = Session.startPeer(config, new ToneInput(format, 440, NanoClock.SYSTEM),
                    new NullOutput(format, NanoClock.SYSTEM), NanoClock.SYSTEM);
            Thread.sleep(3_000); // warm up: JIT, pools, caches
            Map<String, Long> before = allocatedBytes();
            long packetsBefore = packets(session);
            Thread.sleep(5_000);
            Map<String, Long> after = allocatedBytes();
            long packets = packets(session) - packetsBefore;
            SessionSummary summary = session.stop();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "ALLOCATION %s %s: %d packets;", transport, codec, packets));
            for (String name : THREADS) {
                line.append(String.format(Locale.ROOT, " %s %.2f B/packet;", name,
                        (after.get(name) - before.get(name)) / (double) packets));
            }
            System.out.println(line);
            System.out.println("  " + summary.toText().replace("\n", "\n  "));
        } finally {
            System.clearProperty("intercom.transport");
        }
    }

    private static long packets(Session session) {
        return session.counters().sentPackets();
    }

    private static Map<String, Long> allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String name : THREADS) {
                if (t.getName().startsWith(name)) {
                    bytes.merge(name, threads.getThreadAllocatedBytes(t.getId()), Long::sum);
                }
            }
        }
        return bytes;
    }
}
