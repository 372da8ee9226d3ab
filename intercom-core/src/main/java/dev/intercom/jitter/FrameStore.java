package dev.intercom.jitter;

import java.util.Arrays;

/**
 * The frames waiting to be played: a preallocated power-of-two ring of interleaved int16 frames
 * indexed by extended RTP timestamp ({@code ts & mask}), with, for each frame, whether it is
 * here, whether the codec made it up (concealment run ahead of playout) and when it arrived.
 *
 * <p>It keeps no positions of its own: the {@link JitterBuffer} says which frames to store,
 * read and forget, and guarantees that the frames it asks about lie within one ring's length.
 * Nothing is allocated after construction.
 */
final class FrameStore {

    private final int channels;
    private final int capacityFrames;
    private final long mask;
    private final short[] ring;
    private final boolean[] present;
    /** Frames the codec concealed ahead of playout: present, but not received. */
    private final boolean[] synthetic;
    private final long[] arrivalNanos;

    /**
     * @param channels       interleaved channels per frame
     * @param capacityFrames frames the ring holds, a power of two
     */
    FrameStore(int channels, int capacityFrames) {
        if (Integer.bitCount(capacityFrames) != 1) {
            throw new IllegalArgumentException("the ring's size must be a power of two: " + capacityFrames);
        }
        this.channels = channels;
        this.capacityFrames = capacityFrames;
        this.mask = capacityFrames - 1L;
        this.ring = new short[capacityFrames * channels];
        this.present = new boolean[capacityFrames];
        this.synthetic = new boolean[capacityFrames];
        this.arrivalNanos = new long[capacityFrames];
    }

    /** @return the frames the ring holds */
    int capacityFrames() {
        return capacityFrames;
    }

    /** Forgets every frame. */
    void clear() {
        Arrays.fill(present, false);
    }

    /**
     * Stores frames {@code [from, end)} of a packet whose first frame is {@code packetStart},
     * over whatever was there.
     */
    void store(long from, long end, long packetStart, short[] samples, long nowNanos) {
        for (long ts = from; ts < end; ts++) {
            put(ts, samples, (int) (ts - packetStart), false, nowNanos);
        }
    }

    /**
     * Stores frames {@code [from, end)} of a packet whose first frame is {@code packetStart}
     * where no frame is yet.
     *
     * @param madeUp whether the codec made them up (they are then counted as concealed when played)
     * @return whether any frame was stored
     */
    boolean storeInGaps(long from, long end, long packetStart, short[] samples, boolean madeUp, long nowNanos) {
        boolean stored = false;
        for (long ts = from; ts < end; ts++) {
            if (!present[slot(ts)]) {
                put(ts, samples, (int) (ts - packetStart), madeUp, nowNanos);
                stored = true;
            }
        }
        return stored;
    }

    private void put(long ts, short[] samples, int frameInPacket, boolean madeUp, long nowNanos) {
        int slot = slot(ts);
        System.arraycopy(samples, frameInPacket * channels, ring, slot * channels, channels);
        present[slot] = true;
        synthetic[slot] = madeUp;
        arrivalNanos[slot] = nowNanos;
    }

    /** @return whether frame {@code ts} is here */
    boolean isPresent(long ts) {
        return present[slot(ts)];
    }

    /** @return whether every frame of {@code [from, from + frames)} is here */
    boolean allPresent(long from, int frames) {
        for (long ts = from; ts < from + frames; ts++) {
            if (!present[slot(ts)]) {
                return false;
            }
        }
        return true;
    }

    /** @return how many frames of {@code [from, to)} are here */
    long countPresent(long from, long to) {
        long n = 0;
        for (long ts = from; ts < to; ts++) {
            if (present[slot(ts)]) {
                n++;
            }
        }
        return n;
    }

    /** Forgets frames {@code [from, to)}. */
    void forget(long from, long to) {
        for (long ts = from; ts < to; ts++) {
            present[slot(ts)] = false;
        }
    }

    /**
     * Copies frames {@code [from, from + frames)} into {@code into} from index 0, marking in
     * {@code missing} those that are not here (their samples in {@code into} are left as they were).
     *
     * @param read receives how many of the copied frames the codec made up, and when the first
     *             received one arrived
     */
    void copy(long from, int frames, short[] into, boolean[] missing, Read read) {
        read.synthetic = 0;
        read.firstArrivalNanos = Long.MIN_VALUE;
        for (int f = 0; f < frames; f++) {
            int slot = slot(from + f);
            missing[f] = !present[slot];
            if (missing[f]) {
                continue;
            }
            System.arraycopy(ring, slot * channels, into, f * channels, channels);
            if (synthetic[slot]) {
                read.synthetic++;
            } else if (read.firstArrivalNanos == Long.MIN_VALUE) {
                read.firstArrivalNanos = arrivalNanos[slot];
                read.firstReceivedFrame = from + f;
            }
        }
    }

    private int slot(long ts) {
        return (int) (ts & mask);
    }

    /** What one {@link #copy} found, beside the samples: reused, not allocated per read. */
    static final class Read {
        /** Frames the codec made up. */
        int synthetic;
        /** When the first received frame arrived, or {@link Long#MIN_VALUE} if none was received. */
        long firstArrivalNanos;
        /** The stream position of the first received frame (meaningful with {@link #firstArrivalNanos}). */
        long firstReceivedFrame;
    }
}
