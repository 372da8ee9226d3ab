package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.SilenceInput;
import dev.intercom.config.SessionConfig;
import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.stats.SessionSummary;
import dev.intercom.stats.StatsRow;
import dev.intercom.time.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer answers our sender reports honestly once, then pours forged and fuzzed receiver
 * reports from its own address (what issue 13's tester did: RTT read 27 million ms). The figures
 * the honest report set must survive unchanged, and every forgery is counted as rejected.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ForgedRtcpTest {

    private static final int BLOCK = 128;
    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, BLOCK);
    /** 8 s of blocks: room for the first SR (0.5-1.5 s in) and an answer on a loaded machine. */
    private static final int PACKETS = 3000;
    private static final long PEER_SSRC = 0x5151;

    /** The latest SR the session sent: its middle-32 NTP time, and when it reached us. */
    private final AtomicLong lastLsr = new AtomicLong();
    private final AtomicLong lastSrArrivalNanos = new AtomicLong();
    private final AtomicLong sessionSsrc = new AtomicLong(-1);

    @Test
    void forgedReportsMoveNoFigureAndAreCounted() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            SessionConfig config = SessionConfig.builder().listen("127.0.0.1:0").jitterMs(60)
                    .peer("127.0.0.1:" + peer.getLocalPort()).input("silence").output("null")
                    .statsIntervalSeconds(0).build();
            Session session = Session.startPeer(config, new SilenceInput(FORMAT, NanoClock.SYSTEM),
                    new NullOutput(FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
            InetSocketAddress target = session.localAddress().orElseThrow();
            Thread listener = new Thread(() -> listen(peer), "sr-listener");
            listener.setDaemon(true);
            listener.start();

            RtpPacketizer ours = new RtpPacketizer(96, PEER_SSRC, 100, 1000);
            SplittableRandom random = new SplittableRandom(13);
            int honest = 0;
            int forged = 0;
            long honestLsr = 0;
            long period = FORMAT.framesToNanos(BLOCK);
            long next = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                send(peer, target, rtp(ours));
                long lsr = lastLsr.get();
                if (honest == 0 && lsr != 0) {
                    // The honest answer: the SR's time, and how long we held it.
                    long held = (System.nanoTime() - lastSrArrivalNanos.get()) * 65_536 / 1_000_000_000L;
                    send(peer, target, receiverReport(sessionSsrc.get(), 0, 0, lsr, held));
                    honest++;
                    honestLsr = lsr;
                } else if (honest > 0 && i % 10 == 0 && forged < 150) {
                    send(peer, target, forgery(forged++, sessionSsrc.get(), honestLsr, random));
                }
                next += period;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            Thread.sleep(200);
            SessionSummary summary = session.stop();
            StatsRow t = summary.totals();

            assertEquals(1, honest, "the session sent an SR within " + PACKETS + " blocks");
            assertTrue(forged >= 100, "forgeries sent: " + forged);
            assertEquals(forged, t.rtcpRejected, summary.toText());
            // The honest report's figures: a loopback round trip, no loss, no jitter.
            assertTrue(t.rttMs >= 0 && t.rttMs < 1000, "rtt " + t.rttMs);
            assertEquals(0.0, t.remoteLossPercent);
            assertEquals(0.0, t.remoteJitterMs);
            assertTrue(t.e2eLatencyMs < 2000, "e2e " + t.e2eLatencyMs);
        }
    }

    /** Forgeries in turn: a fuzzed LSR, a DLSR longer than our SR has existed, absurd jitter. */
    private static byte[] forgery(int n, long ssrc, long honestLsr, SplittableRandom random) {
        long noise = random.nextLong() & 0xFFFF_FFFFL;
        return switch (n % 4) {
            case 0 -> receiverReport(ssrc, 255, noise, noise | 1, random.nextLong() & 0xFFFF_FFFFL);
            case 1 -> receiverReport(ssrc, 255, 0, (honestLsr - 1 - (noise & 0x3FFF)) & 0xFFFF_FFFFL, 0);
            case 2 -> receiverReport(ssrc, 128, 0, honestLsr, 0xFFFF_0000L);
            default -> receiverReport(ssrc, 0, 48_000L * 60, honestLsr, 0);
        };
    }

    /** A receiver report from the peer with one block about {@code sourceSsrc}. */
    private static byte[] receiverReport(long sourceSsrc, int fractionLost, long jitter, long lsr, long dlsr) {
        ByteBuffer b = ByteBuffer.allocate(32);
        b.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt((int) PEER_SSRC);
        b.putInt((int) sourceSsrc).putInt(fractionLost << 24).putInt(100).putInt((int) jitter);
        b.putInt((int) lsr).putInt((int) dlsr);
        return b.array();
    }

    private void listen(DatagramSocket peer) {
        byte[] in = new byte[2048];
        try {
            peer.setSoTimeout(200);
            while (!peer.isClosed()) {
                DatagramPacket p = new DatagramPacket(in, in.length);
                try {
                    peer.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (p.getLength() >= 28 && (in[1] & 0xFF) == 200) {
                    ByteBuffer b = ByteBuffer.wrap(in);
                    sessionSsrc.set(b.getInt(4) & 0xFFFF_FFFFL);
                    lastSrArrivalNanos.set(System.nanoTime());
                    lastLsr.set(b.getInt(10) & 0xFFFF_FFFFL);
                }
            }
        } catch (java.io.IOException e) {
            // the socket closed: the test is over
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress target, byte[] bytes) throws java.io.IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }

    private static byte[] rtp(RtpPacketizer packetizer) {
        ByteBuf buf = Unpooled.buffer();
        packetizer.writePacket(buf, new short[BLOCK], BLOCK, 1);
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        return bytes;
    }
}
