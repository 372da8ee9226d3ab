package dev.intercom.decode;

import dev.intercom.net.PacketSink;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands encoded packets from the receive thread (the one producer) to the playout thread (the one
 * consumer) without locks or allocation: a preallocated ring of payload slots, published by an
 * ordered write of the producer's index and freed by the consumer's. A packet that finds the
 * ring full is dropped and reported to {@code onFull}; the ring holds as much audio as the
 * jitter buffer, so it fills only when the playout thread has stalled for that long.
 */
public final class EncodedPacketQueue implements PacketSink {

    private final int mask;
    private final PacketSlots slots;
    private final Runnable onFull;
    /** Packets ever written; only the producer writes it. */
    private final AtomicLong produced = new AtomicLong();
    /** Packets ever taken; only the consumer writes it. */
    private final AtomicLong consumed = new AtomicLong();

    /**
     * @param capacity        slots, a power of two
     * @param maxPayloadBytes the largest payload a slot holds (the largest datagram accepted bounds it)
     * @param onFull          told of each packet dropped for want of a slot (on the receive thread)
     */
    public EncodedPacketQueue(int capacity, int maxPayloadBytes, Runnable onFull) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.mask = capacity - 1;
        this.slots = new PacketSlots(capacity, maxPayloadBytes);
        this.onFull = onFull;
    }

    /**
     * Copies the packet into the next free slot (receive thread only).
     *
     * @throws IllegalArgumentException if the payload is longer than a slot (the validator's
     *                                  datagram limit should have rejected it)
     */
    @Override
    public void accept(long ssrc, int sequence, long timestamp, ByteBuf packet, int offset, int length,
            long arrivalNanos) {
        long tail = produced.get();
        if (tail - consumed.get() > mask) {
            onFull.run();
            return;
        }
        slots.store((int) (tail & mask), ssrc, sequence, timestamp, packet, offset, length, arrivalNanos);
        produced.lazySet(tail + 1); // publishes the slot's contents to the consumer
    }

    /**
     * Hands every queued packet, oldest first, to {@code consumer} (playout thread only). The
     * payload buffer passed is valid only during the call.
     *
     * @return packets handed over
     */
    public int drainTo(PacketSink consumer) {
        long head = consumed.get();
        long tail = produced.get();
        for (long next = head; next < tail; next++) {
            slots.handTo((int) (next & mask), consumer);
            consumed.lazySet(next + 1); // the slot may be reused
        }
        return (int) (tail - head);
    }
}
