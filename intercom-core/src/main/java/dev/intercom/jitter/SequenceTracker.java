package dev.intercom.jitter;

import dev.intercom.rtp.SequenceNumbers;

/**
 * Follows the RTP sequence numbers of one stream: extends them beyond 16 bits, tells a
 * duplicate from a reordered packet, and counts what was expected and received
 * (RFC 3550 appendix A.3). Duplicates are recognised within the last {@value #WINDOW} sequence
 * numbers; anything older is too late to play anyway.
 */
final class SequenceTracker {

    /** How many recent sequence numbers are remembered for duplicate detection. */
    static final int WINDOW = 1024;
    private static final int WINDOW_MASK = WINDOW - 1;

    /** What one arriving sequence number turned out to be. */
    enum Arrival { IN_ORDER, REORDERED, DUPLICATE }

    private final long[] seen = new long[WINDOW / 64];
    private long baseExtended;
    private long highestExtended;
    private long received;

    SequenceTracker() {
        highestExtended = baseExtended - 1; // nothing expected before the first packet
    }

    /** Starts following a stream whose first packet carries {@code sequence}. */
    void reset(int sequence) {
        java.util.Arrays.fill(seen, 0L);
        baseExtended = sequence + (1L << 16);
        highestExtended = baseExtended - 1;
        received = 0;
    }

    /** @return the signed distance of {@code sequence} from the highest seen, wrap-safe */
    int distanceFromHighest(int sequence) {
        return SequenceNumbers.delta(sequence, (int) (highestExtended & 0xFFFF));
    }

    /** Classifies and records an arriving sequence number. */
    Arrival arrive(int sequence) {
        long extended = highestExtended + distanceFromHighest(sequence);
        if (extended > highestExtended) {
            for (long s = Math.max(highestExtended + 1, extended - WINDOW + 1); s <= extended; s++) {
                clear(s);
            }
            highestExtended = extended;
            mark(extended);
            received++;
            return Arrival.IN_ORDER;
        }
        if (highestExtended - extended < WINDOW && isMarked(extended)) {
            return Arrival.DUPLICATE;
        }
        if (extended < baseExtended) {
            // An older packet than the one we started with: widen the expected range.
            baseExtended = extended;
        }
        if (highestExtended - extended < WINDOW) {
            mark(extended);
        }
        received++;
        return Arrival.REORDERED;
    }

    /** @return packets expected from the first to the highest sequence number */
    long expected() {
        return highestExtended - baseExtended + 1;
    }

    /** @return distinct packets received */
    long received() {
        return received;
    }

    /** @return packets expected but never received (never negative) */
    long lost() {
        return Math.max(0, expected() - received);
    }

    /**
     * @return the highest sequence number received as RFC 3550 counts it: cycles of 2^16 since
     *     the first packet, times 2^16, plus the 16-bit number
     */
    long extendedHighest() {
        return highestExtended - (1L << 16);
    }

    private void mark(long s) {
        seen[(int) ((s & WINDOW_MASK) >>> 6)] |= 1L << (s & 63);
    }

    private void clear(long s) {
        seen[(int) ((s & WINDOW_MASK) >>> 6)] &= ~(1L << (s & 63));
    }

    private boolean isMarked(long s) {
        return (seen[(int) ((s & WINDOW_MASK) >>> 6)] & (1L << (s & 63))) != 0;
    }
}
