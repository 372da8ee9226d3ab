package dev.intercom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.time.NanoClock;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A polled socket on real loopback UDP: no thread of its own, datagrams taken when asked. */
class MediaSocketTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    /** Records what the receiver is handed, and on which thread. */
    private static final class Recorder implements MediaSocket.Receiver {
        final List<Integer> firstBytes = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        final List<Long> arrivals = new ArrayList<>();
        int errors;

        @Override
        public synchronized void datagram(ByteBuf content, InetSocketAddress sender, long arrivalNanos) {
            firstBytes.add((int) content.getUnsignedByte(content.readerIndex()));
            lengths.add(content.readableBytes());
            threads.add(Thread.currentThread().getName());
            arrivals.add(arrivalNanos);
        }

        @Override
        public void socketError(Throwable cause) {
            errors++;
        }
    }

    @Test
    void polledSocketTakesEverythingWaitingOnTheCallersThreadAndNeverWaits() throws Exception {
        Recorder recorder = new Recorder();
        long[] now = {1_000};
        NanoClock clock = () -> now[0];
        try (MediaSocket polled = MediaSocket.openPolled(ANY_LOOPBACK, ANY_LOOPBACK, recorder, clock);
                MediaSocket sender = MediaSocket.open(ANY_LOOPBACK, ANY_LOOPBACK, new Recorder(), NanoClock.SYSTEM)) {
            assertTrue(polled.ipv4(), "an IPv4 peer gets an IPv4 socket");
            long before = System.nanoTime();
            assertEquals(0, polled.receiveWaiting(), "nothing sent yet");
            assertTrue(System.nanoTime() - before < 1_000_000_000L, "an empty socket returns at once");

            int count = 20;
            for (int i = 0; i < count; i++) {
                ByteBuffer datagram = ByteBuffer.allocate(10 + i);
                datagram.put(0, (byte) i);
                assertTrue(sender.send(datagram, polled.localAddress()));
            }
            now[0] = 5_000;
            int taken = 0;
            long deadline = System.nanoTime() + 5_000_000_000L; // loopback delivers in microseconds; margin for a busy machine
            while (taken < count && System.nanoTime() < deadline) {
                taken += polled.receiveWaiting();
                Thread.sleep(1);
            }
            assertEquals(count, taken);
            assertEquals(0, recorder.errors);
            for (int i = 0; i < count; i++) {
                assertEquals(i, recorder.firstBytes.get(i), "datagrams in the order sent");
                assertEquals(10 + i, recorder.lengths.get(i), "each datagram whole");
                assertEquals(Thread.currentThread().getName(), recorder.threads.get(i), "on the polling thread");
                assertEquals(5_000L, recorder.arrivals.get(i), "arrival is the clock when taken");
            }
        }
    }

    @Test
    void threadedSocketHandsDatagramsToItsOwnThread() throws Exception {
        Recorder recorder = new Recorder();
        try (MediaSocket receiving = MediaSocket.open(ANY_LOOPBACK, ANY_LOOPBACK, recorder, NanoClock.SYSTEM);
                MediaSocket sender = MediaSocket.openPolled(ANY_LOOPBACK, ANY_LOOPBACK, new Recorder(), NanoClock.SYSTEM)) {
            assertTrue(sender.send(ByteBuffer.wrap(new byte[] {7, 1, 2}), receiving.localAddress()));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) {
                synchronized (recorder) {
                    if (!recorder.threads.isEmpty()) {
                        break;
                    }
                }
                Thread.sleep(2);
            }
            synchronized (recorder) {
                assertEquals(List.of("intercom-net"), recorder.threads);
                assertEquals(List.of(7), recorder.firstBytes);
            }
        }
    }

    @Test
    void polledSocketOnTheSystemClockGetsTheKernelsArrivalTimeNotTheTimeItWasTaken() throws Exception {
        Recorder recorder = new Recorder();
        try (MediaSocket polled = MediaSocket.openPolled(ANY_LOOPBACK, ANY_LOOPBACK, recorder, NanoClock.SYSTEM);
                MediaSocket sender = MediaSocket.openPolled(ANY_LOOPBACK, ANY_LOOPBACK, new Recorder(), NanoClock.SYSTEM)) {
            // Linux switches its receive time stamps on a moment after a socket first asks (a
            // deferred static key): the datagrams of a session's first milliseconds carry none
            // and get the time they were taken.
            assertTrue(sender.send(ByteBuffer.wrap(new byte[] {0}), polled.localAddress()));
            Thread.sleep(100);
            assertEquals(1, polled.receiveWaiting());

            long sent = System.nanoTime();
            assertTrue(sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), polled.localAddress()));
            Thread.sleep(50); // taken a long while (many blocks) after it came
            long takenFrom = System.nanoTime();
            assertEquals(1, polled.receiveWaiting());
            long arrival = recorder.arrivals.get(1);
            assertTrue(arrival >= sent - 1_000_000 && arrival < takenFrom,
                    "arrival " + (arrival - sent) / 1e6 + " ms after the send, taken " + (takenFrom - sent) / 1e6 + " ms after it");
        }
    }
}
