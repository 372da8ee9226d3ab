package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class RtcpInboxTest {

    private final List<byte[]> packets = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();

    private void read(ByteBuf packet, long arrivalNanos) {
        packets.add(ByteBufUtil.getBytes(packet));
        arrivals.add(arrivalNanos);
    }

    @Test
    void givesEachDatagramOnceInOrderWithItsArrivalTime() {
        RtcpInbox inbox = new RtcpInbox(4, 64);
        ByteBuf first = Unpooled.wrappedBuffer(new byte[] {9, 9, 1, 2, 3});
        first.readerIndex(2); // only what is readable is taken
        assertTrue(inbox.offer(first, 100));
        assertTrue(inbox.offer(Unpooled.wrappedBuffer(new byte[] {4, 5}), 200));

        assertEquals(2, inbox.drain(this::read));
        assertArrayEquals(new byte[] {1, 2, 3}, packets.get(0));
        assertArrayEquals(new byte[] {4, 5}, packets.get(1));
        assertEquals(List.of(100L, 200L), arrivals);
        assertEquals(0, inbox.drain(this::read), "nothing twice");
    }

    @Test
    void aFullInboxOrAnOversizedDatagramIsRefusedAndDrainingMakesRoom() {
        RtcpInbox inbox = new RtcpInbox(2, 8);
        assertFalse(inbox.offer(Unpooled.wrappedBuffer(new byte[9]), 1), "larger than a slot");
        assertTrue(inbox.offer(Unpooled.wrappedBuffer(new byte[] {1}), 1));
        assertTrue(inbox.offer(Unpooled.wrappedBuffer(new byte[] {2}), 2));
        assertFalse(inbox.offer(Unpooled.wrappedBuffer(new byte[] {3}), 3), "full");
        assertEquals(2, inbox.drain(this::read));
        assertTrue(inbox.offer(Unpooled.wrappedBuffer(new byte[] {4}), 4));
        inbox.drain(this::read);
        assertArrayEquals(new byte[] {4}, packets.get(2), "the ring wraps");
    }

    @Test
    void aReaderThatFailsStillFreesItsSlot() {
        RtcpInbox inbox = new RtcpInbox(1, 8);
        inbox.offer(Unpooled.wrappedBuffer(new byte[] {1}), 1);
        try {
            inbox.drain((packet, arrival) -> {
                throw new IllegalStateException("parser bug");
            });
        } catch (IllegalStateException expected) {
            // the slot is free all the same
        }
        assertTrue(inbox.offer(Unpooled.wrappedBuffer(new byte[] {2}), 2));
    }

    /** One writer thread and one reader thread: every datagram arrives once, whole, in order. */
    @Test
    void aWriterAndAReaderOnTwoThreadsLoseNothingThatWasTaken() throws Exception {
        RtcpInbox inbox = new RtcpInbox(8, 16);
        int count = 20_000;
        List<Long> taken = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            ByteBuf packet = Unpooled.buffer(16);
            for (long n = 0; n < count; n++) {
                packet.clear().writeLong(n).writeLong(~n);
                if (inbox.offer(packet, n)) {
                    synchronized (taken) {
                        taken.add(n);
                    }
                }
            }
            done.countDown();
        });
        AtomicReference<String> wrong = new AtomicReference<>();
        List<Long> read = new ArrayList<>();
        RtcpInbox.Reader check = (packet, arrival) -> {
            long n = packet.getLong(0);
            if (packet.readableBytes() != 16 || packet.getLong(8) != ~n || n != arrival) {
                wrong.compareAndSet(null, "torn datagram " + n + " at " + arrival);
            }
            read.add(n);
        };
        writer.start();
        while (!done.await(0, TimeUnit.MILLISECONDS)) {
            inbox.drain(check);
        }
        inbox.drain(check);
        writer.join();
        assertEquals(null, wrong.get());
        assertEquals(taken, read);
        assertTrue(read.size() > 8, "some were taken: " + read.size());
    }
}
