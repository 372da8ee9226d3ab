package dev.intercom.srtp;

/**
 * SRTP packet index arithmetic (RFC 3711 section 3.3.1): the 48-bit index is the 32-bit rollover
 * counter (ROC) times 2^16 plus the 16-bit sequence number.
 */
final class SrtpIndex {

    /** One past the largest SRTP index: 2^48. */
    static final long LIMIT = 1L << 48;
    /** Sequence numbers per rollover. */
    private static final int SEQUENCE_SPAN = 1 << 16;
    private static final int HALF_SPAN = 1 << 15;

    private SrtpIndex() {
    }

    /**
     * Estimates a received packet's index from the highest index seen so far, as in RFC 3711
     * Appendix A: the guessed ROC is the current one, one less, or one more, whichever puts the
     * index nearest the highest (exactly half the span away counts as the current ROC).
     *
     * @param highest        the highest index authenticated so far, at least 0
     * @param sequenceNumber the packet's sequence number, 0..65535
     * @return the estimated index; negative if it would fall before the stream's first rollover
     */
    static long estimate(long highest, int sequenceNumber) {
        long rollover = highest >>> 16;
        int highestSequence = (int) (highest & (SEQUENCE_SPAN - 1));
        if (highestSequence < HALF_SPAN) {
            if (sequenceNumber - highestSequence > HALF_SPAN) {
                rollover--;
            }
        } else if (highestSequence - HALF_SPAN > sequenceNumber) {
            rollover++;
        }
        return rollover * SEQUENCE_SPAN + sequenceNumber;
    }
}
