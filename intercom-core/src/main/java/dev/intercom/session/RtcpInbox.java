package dev.intercom.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands RTCP datagrams from the thread that receives them to the thread that owns the report
 * state, with nothing allocated per datagram: a ring of preallocated slots, one writer and one
 * reader. Each slot keeps its datagram's arrival time, so that what is computed from it later
 * (the round trip, the delay since the peer's sender report) is as of its arrival, not of when
 * it was read. Before, every datagram cost a copied buffer, a lambda and a scheduled task (about
 * 300 B a second on the audio thread, most of what it allocated after start-up).
 */
final class RtcpInbox {

    /** A datagram the reader is given: its bytes and when it arrived. */
    interface Reader {
        void read(ByteBuf packet, long arrivalNanos);
    }

    private final byte[][] data;
    private final ByteBuf[] views;
    private final int[] lengths;
    private final long[] arrivals;
    private final int capacityBytes;
    /** Datagrams written so far; only the writer moves it. */
    private final AtomicLong written = new AtomicLong();
    /** Datagrams read so far; only the reader moves it. */
    private final AtomicLong read = new AtomicLong();

    /**
     * @param slots         datagrams it holds before a new one is refused
     * @param capacityBytes the largest datagram it takes
     */
    RtcpInbox(int slots, int capacityBytes) {
        this.data = new byte[slots][capacityBytes];
        this.views = new ByteBuf[slots];
        for (int i = 0; i < slots; i++) {
            views[i] = Unpooled.wrappedBuffer(data[i]);
        }
        this.lengths = new int[slots];
        this.arrivals = new long[slots];
        this.capacityBytes = capacityBytes;
    }

    /**
     * Copies a datagram in; the writer's thread only.
     *
     * @return {@code false} when it is full or the datagram is larger than a slot (nothing kept)
     */
    boolean offer(ByteBuf packet, long arrivalNanos) {
        int length = packet.readableBytes();
        long next = written.get();
        if (length > capacityBytes || next - read.get() >= data.length) {
            return false;
        }
        int slot = (int) (next % data.length);
        packet.getBytes(packet.readerIndex(), data[slot], 0, length);
        lengths[slot] = length;
        arrivals[slot] = arrivalNanos;
        written.set(next + 1); // publishes the slot's contents
        return true;
    }

    /**
     * Gives every datagram waiting to {@code reader}, oldest first; the reader's thread only.
     * The buffer is the slot's own: valid only during the call.
     *
     * @return how many it gave
     */
    int drain(Reader reader) {
        long from = read.get();
        long to = written.get();
        for (long n = from; n < to; n++) {
            int slot = (int) (n % data.length);
            ByteBuf view = views[slot];
            view.setIndex(0, lengths[slot]);
            try {
                reader.read(view, arrivals[slot]);
            } finally {
                read.set(n + 1); // frees the slot, whatever the reader did
            }
        }
        return (int) (to - from);
    }
}
