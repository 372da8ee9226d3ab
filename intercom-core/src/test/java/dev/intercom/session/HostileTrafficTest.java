package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.SilenceInput;
import dev.intercom.audio.file.WavFileOutput;
import dev.intercom.audio.file.WavFiles;
import dev.intercom.config.SessionConfig;
import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.stats.SessionSummary;
import dev.intercom.testing.Signals;
import dev.intercom.time.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running peer keeps playing its peer's stream bit-exact while strangers and broken packets
 * pour in; each one is dropped and counted.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileTrafficTest {

    private static final int BLOCK = 128;
    private static final int PACKETS = 300;
    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, BLOCK);

    /** Datagrams from the peer's own address that are not valid L16 RTP for this session. */
    private static final List<byte[]> GARBAGE = List.of(
            new byte[0],
            new byte[] {(byte) 0x80},
            "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            rtpWithPayloadBytes(0x80, 96, 3),           // half a frame
            rtpWithPayloadBytes(0x80, 0, 256),          // payload type 0 (PCMU), not ours
            rtpWithPayloadBytes(0x8F, 96, 40),          // 15 CSRCs announced, not there
            rtpWithPayloadBytes(0x90, 96, 2),           // extension header runs past the end
            rtpWithPayloadBytes(0xA0, 96, 0));          // padding bit with nothing to pad

    @TempDir
    Path dir;

    private static byte[] rtpWithPayloadBytes(int firstByte, int payloadType, int payloadBytes) {
        byte[] p = new byte[12 + payloadBytes];
        p[0] = (byte) firstByte;
        p[1] = (byte) payloadType;
        Arrays.fill(p, 12, p.length, (byte) 0x55);
        return p;
    }

    private static byte[] rtp(RtpPacketizer packetizer, short[] samples) {
        ByteBuf buf = Unpooled.buffer();
        packetizer.writePacket(buf, samples, samples.length, 1);
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        return bytes;
    }

    @Test
    void strangersAndGarbageAreCountedAndTheAudioGoesOn() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Path heard = dir.resolve("heard.wav");
        short[] signal = Signals.noise(PACKETS * BLOCK, 3);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(loopback, 0));
                DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            // A deep fixed buffer: when this test's sending thread stalls on a loaded machine, the
            // buffer drains and refills instead of running dry and shedding the backlog by
            // resampling, which would make blocks differ from what was sent (the point here is that
            // garbage never reaches the audio, not the playout delay).
            SessionConfig config = SessionConfig.builder().listen("127.0.0.1:0").jitterMs(200)
                    .peer("127.0.0.1:" + peer.getLocalPort()).input("silence").output("file:" + heard)
                    .statsIntervalSeconds(0).build();
            Session session = Session.startPeer(config, new SilenceInput(FORMAT, NanoClock.SYSTEM),
                    new WavFileOutput(heard, FORMAT, NanoClock.SYSTEM), NanoClock.SYSTEM);
            InetSocketAddress target = session.localAddress().orElseThrow();

            RtpPacketizer ours = new RtpPacketizer(96, 0x1234, 65_500, 4_294_960_000L); // both wrap mid-test
            RtpPacketizer theirs = new RtpPacketizer(96, 0x9999, 0, 0);
            int garbageSent = 0;
            int foreignSent = 0;
            long period = FORMAT.framesToNanos(BLOCK);
            long next = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                short[] block = Arrays.copyOfRange(signal, i * BLOCK, (i + 1) * BLOCK);
                byte[] good = rtp(ours, block);
                peer.send(new DatagramPacket(good, good.length, target));
                if (i % 5 == 0) {
                    byte[] bad = GARBAGE.get(garbageSent++ % GARBAGE.size());
                    peer.send(new DatagramPacket(bad, bad.length, target));
                    byte[] foreign = rtp(theirs, new short[BLOCK]);
                    stranger.send(new DatagramPacket(foreign, foreign.length, target));
                    foreignSent++;
                }
                next += period;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            Thread.sleep(100);
            SessionSummary summary = session.stop();

            assertEquals(foreignSent, summary.totals().foreignPackets, summary.toText());
            assertEquals(garbageSent, summary.totals().malformedPackets, summary.toText());
            assertEquals(PACKETS, summary.totals().receivedPackets, summary.toText());
            assertEquals(0, summary.totals().lostPackets);
            assertTrue(summary.malformedByReason().size() >= 6, summary.toText());
            short[] played = WavFiles.readSamples(heard);
            int found = 0;
            int from = 0;
            for (int i = 0; i < PACKETS; i++) {
                int at = Signals.find(Arrays.copyOfRange(played, from, played.length), signal, i * BLOCK, BLOCK);
                if (at >= 0) {
                    found++;
                    from += at + BLOCK;
                }
            }
            // Every block arrives; a loaded machine may still play a few late or trim a start-up burst.
            assertTrue(found >= PACKETS * 9 / 10, "blocks played bit-exact, in order: " + found + " of " + PACKETS);
        }
    }
}
