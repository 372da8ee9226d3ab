package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.SilenceInput;
import dev.intercom.config.SessionConfig;
import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import dev.intercom.srtp.SrtpSender;
import dev.intercom.stats.SessionSummary;
import dev.intercom.time.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who can take our stream when the configured peer falls silent (issue 13): with SRTP only a
 * sender holding the key, on plain RTP anyone on the peer's host unless {@code --no-latch}.
 * The configured peer's socket never sends, so after the 2 s grace another port of its address
 * is a latch candidate; the "impostor" socket is that other port.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LatchingTest {

    private static final int BLOCK = 128;
    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, BLOCK);
    /** A little over the session's 2 s grace for the configured address. */
    private static final long GRACE_MILLIS = 2_300;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void withSrtpOnlyAnAuthenticatedPacketLatches() throws Exception {
        SrtpKey key = SrtpKey.generate(SrtpProfile.AES128_CM_SHA1_80, new SecureRandom());
        SrtpKey wrong = SrtpKey.generate(SrtpProfile.AES128_CM_SHA1_80, new SecureRandom());
        try (DatagramSocket configured = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                DatagramSocket impostor = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Session session = start(configured, SessionConfig.builder().key(key.toBase64()));
            InetSocketAddress target = session.localAddress().orElseThrow();
            Thread.sleep(GRACE_MILLIS);

            sendRtp(impostor, target, new SrtpSender(wrong), 200);
            assertTrue(hearsNothing(impostor), "a packet under the wrong key latched the session");
            assertTrue(session.counters().authFailures() >= 200, "failures " + session.counters().authFailures());

            sendRtp(impostor, target, new SrtpSender(key), 20);
            assertTrue(hearsSomething(impostor), "an authenticated packet from the peer's host latches");
            SessionSummary summary = session.stop();
            assertEquals(0, summary.totals().foreignPackets, summary.toText());
        }
    }

    @Test
    void withNoLatchPlainRtpFromAnotherPortIsForeign() throws Exception {
        try (DatagramSocket configured = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                DatagramSocket impostor = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Session session = start(configured, SessionConfig.builder().latch(false));
            InetSocketAddress target = session.localAddress().orElseThrow();
            Thread.sleep(GRACE_MILLIS);
            sendRtp(impostor, target, null, 100);
            assertTrue(hearsNothing(impostor), "--no-latch latched");
            SessionSummary summary = session.stop();
            assertEquals(100, summary.totals().foreignPackets, summary.toText());
        }
    }

    @Test
    void plainRtpStillLatchesByDefault() throws Exception {
        try (DatagramSocket configured = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                DatagramSocket impostor = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Session session = start(configured, SessionConfig.builder());
            InetSocketAddress target = session.localAddress().orElseThrow();
            Thread.sleep(GRACE_MILLIS);
            sendRtp(impostor, target, null, 20);
            assertTrue(hearsSomething(impostor), "the NAT rule for plain RTP (logged as a warning)");
            session.stop();
        }
    }

    private static Session start(DatagramSocket configured, SessionConfig.Builder builder) {
        SessionConfig config = builder.listen("127.0.0.1:0").jitterMs(40)
                .peer("127.0.0.1:" + configured.getLocalPort()).input("silence").output("null")
                .statsIntervalSeconds(0).build();
        return Session.startPeer(config, new SilenceInput(FORMAT, NanoClock.SYSTEM), new NullOutput(FORMAT, NanoClock.SYSTEM),
                NanoClock.SYSTEM);
    }

    /** Sends {@code count} silent RTP packets, SRTP-protected by {@code srtp} unless it is null. */
    private static void sendRtp(DatagramSocket from, InetSocketAddress to, SrtpSender srtp, int count) throws Exception {
        RtpPacketizer packetizer = new RtpPacketizer(96, 0x7777, 1, 0);
        for (int i = 0; i < count; i++) {
            ByteBuf buf = Unpooled.buffer(BLOCK * 2 + 64);
            packetizer.writePacket(buf, new short[BLOCK], BLOCK, 1);
            if (srtp != null) {
                srtp.protectRtp(buf);
            }
            byte[] bytes = ByteBufUtil.getBytes(buf);
            buf.release();
            from.send(new DatagramPacket(bytes, bytes.length, to));
            Thread.sleep(1);
        }
    }

    /** @return true if nothing arrives within 600 ms: the session sends a packet every 2.7 ms once latched */
    private static boolean hearsNothing(DatagramSocket socket) throws Exception {
        return !hearsSomething(socket, 600);
    }

    /** @return true if a datagram arrives within 5 s */
    private static boolean hearsSomething(DatagramSocket socket) throws Exception {
        return hearsSomething(socket, 5000);
    }

    private static boolean hearsSomething(DatagramSocket socket, int millis) throws Exception {
        socket.setSoTimeout(millis);
        try {
            socket.receive(new DatagramPacket(new byte[2048], 2048));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
