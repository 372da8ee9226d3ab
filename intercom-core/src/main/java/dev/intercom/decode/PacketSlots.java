package dev.intercom.decode;

import dev.intercom.net.PacketSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Preallocated storage for encoded packets: per slot, a copy of the payload (with a ByteBuf view
 * of it made once, so reading allocates nothing) and the packet's RTP fields and arrival time.
 * Not thread-safe: its owner publishes slots between threads if it needs to.
 */
final class PacketSlots {

    private final byte[][] payloads;
    private final ByteBuf[] views;
    private final int[] lengths;
    private final long[] ssrcs;
    private final int[] sequences;
    private final long[] timestamps;
    private final long[] arrivals;

    /**
     * @param slots           how many packets
     * @param maxPayloadBytes the largest payload a slot holds
     */
    PacketSlots(int slots, int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("a payload slot needs at least one byte: " + maxPayloadBytes);
        }
        this.payloads = new byte[slots][maxPayloadBytes];
        this.views = new ByteBuf[slots];
        for (int i = 0; i < slots; i++) {
            views[i] = Unpooled.wrappedBuffer(payloads[i]);
        }
        this.lengths = new int[slots];
        this.ssrcs = new long[slots];
        this.sequences = new int[slots];
        this.timestamps = new long[slots];
        this.arrivals = new long[slots];
    }

    /**
     * Copies a packet into {@code slot}.
     *
     * @throws IllegalArgumentException if the payload is longer than a slot
     */
    void store(int slot, long ssrc, int sequence, long timestamp, ByteBuf packet, int offset, int length,
            long arrivalNanos) {
        if (length > payloads[slot].length) {
            throw new IllegalArgumentException("payload of " + length + " bytes exceeds the slot size "
                    + payloads[slot].length);
        }
        packet.getBytes(offset, payloads[slot], 0, length);
        lengths[slot] = length;
        ssrcs[slot] = ssrc;
        sequences[slot] = sequence;
        timestamps[slot] = timestamp;
        arrivals[slot] = arrivalNanos;
    }

    /** Hands the packet in {@code slot} to {@code sink}; the payload view is valid only during the call. */
    void handTo(int slot, PacketSink sink) {
        sink.accept(ssrcs[slot], sequences[slot], timestamps[slot], views[slot], 0, lengths[slot], arrivals[slot]);
    }

    /** @return the payload of {@code slot}, from index 0, {@link #length} bytes */
    ByteBuf payload(int slot) {
        return views[slot];
    }

    int length(int slot) {
        return lengths[slot];
    }

    long timestamp(int slot) {
        return timestamps[slot];
    }

    long arrivalNanos(int slot) {
        return arrivals[slot];
    }
}
