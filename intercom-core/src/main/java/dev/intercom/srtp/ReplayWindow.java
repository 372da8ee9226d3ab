package dev.intercom.srtp;

import java.util.Arrays;

/**
 * The replay list of RFC 3711 section 3.3.2 as a sliding bitmap: which of the last {@code size}
 * indices up to the highest one accepted have been received. An index ahead of the highest is
 * new; one at or behind it is new only if it lies inside the window and its bit is clear.
 *
 * <p>The bitmap is a ring addressed by {@code index mod size}, so sliding forward clears only the
 * bits of the indices skipped over and moves nothing. Nothing is allocated after construction.
 *
 * <p>Not thread-safe.
 */
final class ReplayWindow {

    private final long[] bits;
    private final int size;
    // -1 while empty: no index has been accepted since construction or reset().
    private long highest = -1;

    /**
     * @param size indices remembered behind the highest one (it included); a power of two, at
     *             least 64
     */
    ReplayWindow(int size) {
        if (size < Long.SIZE || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("replay window must be a power of two >= 64, got "
                    + size);
        }
        this.size = size;
        this.bits = new long[size / Long.SIZE];
    }

    /** @return the highest index accepted, or -1 if none */
    long highest() {
        return highest;
    }

    /**
     * @param index a non-negative packet index
     * @return whether {@code index} has not been accepted and is not too old to tell
     */
    boolean isFresh(long index) {
        if (highest < 0 || index > highest) {
            return true;
        }
        return highest - index < size && !isSet(index);
    }

    /**
     * Records an authenticated index. Call only after {@link #isFresh} said yes.
     *
     * @param index a non-negative packet index
     */
    void accept(long index) {
        if (highest < 0 || index - highest >= size) {
            Arrays.fill(bits, 0L);
            highest = index;
        } else if (index > highest) {
            // The slots of the skipped indices last held indices now out of the window.
            for (long i = highest + 1; i < index; i++) {
                bits[slot(i) >>> 6] &= ~(1L << slot(i));
            }
            highest = index;
        }
        bits[slot(index) >>> 6] |= 1L << slot(index);
    }

    /** Forgets every index, as for a new stream. */
    void reset() {
        Arrays.fill(bits, 0L);
        highest = -1;
    }

    private boolean isSet(long index) {
        return (bits[slot(index) >>> 6] & (1L << slot(index))) != 0;
    }

    private int slot(long index) {
        // Java masks a long shift count to its low 6 bits, so 1L << slot picks the bit in its word.
        return (int) (index & (size - 1));
    }
}
