package dev.intercom.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.net.TransportException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay between two plain sockets on loopback: A's datagrams reach B and B's reach A, all
 * from the relay's one address, and the relay's counts match what arrived. Every send loop is
 * bounded, every receive has a timeout.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UdpRelayTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int PACKETS = 200;

    private DatagramSocket a;
    private DatagramSocket b;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void sockets() throws IOException {
        a = socket();
        b = socket();
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static DatagramSocket socket() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setSoTimeout(3_000);
        s.setReceiveBufferSize(1 << 20);
        return s;
    }

    private UdpRelay relay(ImpairmentConfig impairment, double statsInterval) {
        RelayConfig config = RelayConfig.builder()
                .listen(LOOPBACK.getHostAddress() + ":0")
                .forward(LOOPBACK.getHostAddress() + ":" + b.getLocalPort())
                .statsIntervalSeconds(statsInterval)
                .impairment(impairment)
                .build();
        return UdpRelay.start(config, lines::add);
    }

    @Test
    void relaysBothWaysFromItsOneAddressAndCountsEveryDatagram() throws Exception {
        try (UdpRelay relay = relay(ImpairmentConfig.builder().seed(1L).build(), 0.1)) {
            InetSocketAddress relayAddress = new InetSocketAddress(LOOPBACK, relay.localAddress().getPort());
            sendNumbered(a, relayAddress, "a", PACKETS);
            for (int i = 0; i < PACKETS; i++) {
                DatagramPacket p = receive(b);
                assertEquals(relayAddress, p.getSocketAddress(), "B hears A from the relay's address");
                assertEquals("a" + i, text(p));
            }
            assertEquals(a.getLocalSocketAddress(), relay.client().orElseThrow(), "A latched on its first datagram");
            sendNumbered(b, relayAddress, "b", PACKETS);
            for (int i = 0; i < PACKETS; i++) {
                DatagramPacket p = receive(a);
                assertEquals(relayAddress, p.getSocketAddress(), "A hears B from the relay's address");
                assertEquals("b" + i, text(p));
            }
            RelayStats.Snapshot s = relay.snapshot();
            for (DirectionCounts c : List.of(s.aToB(), s.bToA())) {
                assertEquals(PACKETS, c.received());
                assertEquals(PACKETS, c.forwarded());
                assertEquals(0, c.lost() + c.queueDrops() + c.duplicated() + c.reordered());
            }
            awaitTrue(() -> lines.stream().anyMatch(l -> l.contains("a->b") && l.contains("b->a")), "a report line");
        }
    }

    @Test
    void whatArrivesMatchesTheImpairedCounts() throws Exception {
        ImpairmentConfig impairment = ImpairmentConfig.builder().delayMs(5).jitterMs(2).lossPercent(10).burst(2)
                .duplicatePercent(5).reorderPercent(5).seed(3L).build();
        try (UdpRelay relay = relay(impairment, 0)) {
            InetSocketAddress relayAddress = new InetSocketAddress(LOOPBACK, relay.localAddress().getPort());
            sendNumbered(a, relayAddress, "a", PACKETS);
            awaitTrue(() -> {
                DirectionCounts c = relay.snapshot().aToB();
                return c.received() == PACKETS && c.inFlight() == 0;
            }, "the relay to receive and send out everything");
            DirectionCounts c = relay.snapshot().aToB();
            assertTrue(c.lost() > 0 && c.duplicated() > 0, c.toString());
            assertEquals(PACKETS - c.lost() - c.queueDrops() + c.duplicated(), c.forwarded());
            for (long i = 0; i < c.forwarded(); i++) {
                receive(b);
            }
            b.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> b.receive(new DatagramPacket(new byte[64], 64)),
                    "no more than the relay counted");
            assertTrue(c.meanDelayMs() >= 5, "at least the fixed delay: " + c.meanDelayMs());
        }
    }

    @Test
    void datagramsFromBBeforeAAndFromStrangersAreDroppedAndCounted() throws Exception {
        try (UdpRelay relay = relay(ImpairmentConfig.builder().seed(1L).build(), 0);
                DatagramSocket stranger = socket()) {
            InetSocketAddress relayAddress = new InetSocketAddress(LOOPBACK, relay.localAddress().getPort());
            sendNumbered(b, relayAddress, "early", 3);
            awaitTrue(() -> relay.snapshot().early() == 3, "B's early datagrams counted");
            sendNumbered(a, relayAddress, "a", 1);
            assertEquals("a0", text(receive(b)));
            sendNumbered(stranger, relayAddress, "stranger", 2);
            awaitTrue(() -> relay.snapshot().foreign() == 2, "the stranger's datagrams counted");
            sendNumbered(a, relayAddress, "marker", 1);
            assertEquals("marker0", text(receive(b)), "nothing of the stranger's in between");
            assertEquals(0, relay.snapshot().bToA().received());
        }
    }

    @Test
    void closingReleasesWhatIsStillWaitingAndTheSummarySaysSo() throws Exception {
        UdpRelay relay = relay(ImpairmentConfig.builder().delayMs(5_000).seed(1L).build(), 0);
        InetSocketAddress relayAddress = new InetSocketAddress(LOOPBACK, relay.localAddress().getPort());
        sendNumbered(a, relayAddress, "a", 10);
        awaitTrue(() -> relay.snapshot().aToB().received() == 10, "the relay to receive them");
        relay.close();
        assertEquals(10, relay.snapshot().aToB().inFlight());
        String summary = relay.summary();
        assertTrue(summary.contains("received 10, forwarded 0") && summary.contains("unsent at the end 10"), summary);
        assertTrue(summary.contains("seed 1"), summary);
    }

    @Test
    void aBusyPortIsReportedWithWhatToDo() {
        RelayConfig config = RelayConfig.builder().listen(LOOPBACK.getHostAddress() + ":" + a.getLocalPort())
                .forward(LOOPBACK.getHostAddress() + ":" + b.getLocalPort()).build();
        TransportException e = assertThrows(TransportException.class, () -> UdpRelay.start(config, lines::add));
        assertTrue(e.getMessage().contains("already in use") && e.getMessage().contains("--listen"), e.getMessage());
    }

    private static void sendNumbered(DatagramSocket from, InetSocketAddress to, String prefix, int count)
            throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            byte[] data = (prefix + i).getBytes(StandardCharsets.US_ASCII);
            from.send(new DatagramPacket(data, data.length, to));
            if (i % 20 == 19) {
                // Gentle on the 2-core machine: let the relay's loop keep up.
                Thread.sleep(1);
            }
        }
    }

    private static DatagramPacket receive(DatagramSocket socket) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        socket.receive(p);
        return p;
    }

    private static String text(DatagramPacket p) {
        return new String(p.getData(), p.getOffset(), p.getLength(), StandardCharsets.US_ASCII);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
