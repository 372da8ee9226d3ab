package dev.intercom.session;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.config.SessionConfig;
import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.stats.SessionSummary;
import dev.intercom.time.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prints what a party line costs one peer: a session with 2, 4 and 8 {@code --peer}s on loopback
 * (L16, 48 kHz mono, block 128: 375 packets a second each way per peer), whose peers are a light
 * crowd on one thread (a socket per peer, each sending its own paced RTP tone stream and reading
 * what the session sends), so that the session's own threads are what is measured: their CPU time
 * ({@code ThreadMXBean.getThreadCpuTime}) and allocation over 8 s after a 3 s warm-up. Figures,
 * not assertions: run with {@code mvn -B -o verify -pl intercom-core -Dbenchmarks -Dtest=PartyLineCost
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PartyLineCost {

    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 128);
    private static final long BLOCK_NANOS = 128 * 1_000_000_000L / 48_000;

    @Test
    void cpuAndAllocationPerPeer() throws Exception {
        for (int peers : new int[] {1, 1, 2, 4, 8}) { // the first round warms the JIT up
            measure(peers);
        }
    }

    private static void measure(int peers) throws Exception {
        Crowd crowd = new Crowd(peers);
        Set<Long> before = threadIds();
        List<String> addresses = new ArrayList<>();
        for (DatagramChannel c : crowd.channels) {
            addresses.add("127.0.0.1:" + ((InetSocketAddress) c.getLocalAddress()).getPort());
        }
        SessionConfig config = SessionConfig.builder().listen("127.0.0.1:0").peer(addresses).blockFrames(128)
                .jitterMs(10).input("tone").output("null").statsIntervalSeconds(0).build();
        Session session = Session.startPeer(config, new ToneInput(FORMAT, 440, NanoClock.SYSTEM),
                new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
        crowd.start(session.localAddress().orElseThrow());
        Set<Long> own = threadIds();
        own.removeAll(before);
        own.remove(crowd.thread.getId());
        try {
            Thread.sleep(3_000); // warm up: JIT, caches, every jitter buffer playing
            java.util.Map<String, Long> threads0 = ThreadAllocations.of(ThreadAllocations.PER_PACKET_THREADS);
            long[] cpu0 = cpuAndAllocation(own);
            long received0 = crowd.receivedFromSession;
            long wall0 = System.nanoTime();
            Thread.sleep(8_000);
            long[] cpu1 = cpuAndAllocation(own);
            java.util.Map<String, Long> threads1 = ThreadAllocations.of(ThreadAllocations.PER_PACKET_THREADS);
            long wall = System.nanoTime() - wall0;
            long blocks = (crowd.receivedFromSession - received0) / peers;
            SessionSummary summary = session.stop();
            double cpuPercent = 100.0 * (cpu1[0] - cpu0[0]) / wall;
            long packetsIn = blocks * peers; // the crowd sends as many as it receives, paced alike
            System.out.println(String.format(Locale.ROOT,
                    "PARTY %d peer(s): session threads %.1f%% of a core, %.2f%% per peer; %d blocks; allocated "
                            + "%.2f B per block (%.3f B per packet in or out); %d threads",
                    peers, cpuPercent, cpuPercent / peers, blocks, (cpu1[1] - cpu0[1]) / (double) blocks,
                    (cpu1[1] - cpu0[1]) / (double) (2 * packetsIn), own.size()));
            StringBuilder perThread = new StringBuilder("  per block:");
            threads1.forEach((name, bytes) -> perThread.append(String.format(Locale.ROOT, " %s %.2f B;", name,
                    (bytes - threads0.get(name)) / (double) blocks)));
            System.out.println(perThread);
            System.out.println("  " + summary.toText().lines().findFirst().orElse(""));
        } finally {
            session.stop();
            crowd.close();
        }
    }

    private static Set<Long> threadIds() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ids.add(t.getId());
        }
        return ids;
    }

    /** @return CPU nanoseconds and allocated bytes of the threads {@code ids}, summed */
    private static long[] cpuAndAllocation(Set<Long> ids) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu = 0;
        long bytes = 0;
        for (long id : ids) {
            cpu += Math.max(0, threads.getThreadCpuTime(id));
            bytes += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return new long[] {cpu, bytes};
    }

    /** The other peers: one thread, a socket each, paced RTP out and everything in read and dropped. */
    private static final class Crowd implements AutoCloseable {
        final List<DatagramChannel> channels = new ArrayList<>();
        final Thread thread;
        volatile long receivedFromSession;
        private volatile boolean running = true;
        private InetSocketAddress target;

        Crowd(int peers) throws Exception {
            for (int i = 0; i < peers; i++) {
                DatagramChannel c = DatagramChannel.open();
                c.bind(new InetSocketAddress("127.0.0.1", 0));
                c.configureBlocking(false);
                channels.add(c);
            }
            thread = new Thread(this::run, "crowd");
            thread.setDaemon(true);
        }

        void start(InetSocketAddress session) {
            this.target = session;
            thread.start();
        }

        private void run() {
            java.util.Random random = new java.util.Random(1);
            List<RtpPacketizer> streams = new ArrayList<>();
            for (int i = 0; i < channels.size(); i++) {
                streams.add(new RtpPacketizer(96, random.nextInt() & 0xFFFF_FFFFL, random.nextInt(1 << 16), 0));
            }
            dev.intercom.codec.L16PayloadCodec codec = new dev.intercom.codec.L16PayloadCodec(FORMAT);
            short[] block = new short[128];
            ByteBuffer wire = ByteBuffer.allocateDirect(2048);
            ByteBuf out = Unpooled.wrappedBuffer(wire);
            ByteBuffer in = ByteBuffer.allocateDirect(65_536);
            long next = System.nanoTime();
            long n = 0;
            // Bounded: at most 20 s of blocks, whatever the harness does.
            for (long limit = 20L * 48_000 / 128; running && n < limit; n++) {
                for (int f = 0; f < block.length; f++) {
                    block[f] = (short) (8_000 * Math.sin(2 * Math.PI * 440 * (n * 128 + f) / 48_000.0));
                }
                try {
                    for (int i = 0; i < channels.size(); i++) {
                        out.clear();
                        streams.get(i).writePacket(out, block, 128, codec, 128);
                        wire.limit(out.writerIndex()).position(0);
                        channels.get(i).send(wire, target);
                        wire.clear();
                        in.clear();
                        while (channels.get(i).receive(in) != null) {
                            receivedFromSession++;
                            in.clear();
                        }
                    }
                } catch (java.io.IOException e) {
                    return;
                }
                next += BLOCK_NANOS;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(2_000);
            for (DatagramChannel c : channels) {
                c.close();
            }
        }
    }
}
