package dev.intercom.rtp;

/**
 * Serial-number arithmetic (RFC 1982 style) for RTP's wrapping counters: the 16-bit sequence
 * number and the 32-bit timestamp. "Newer" means ahead by less than half the number space.
 */
public final class SequenceNumbers {

    /** Distinct 16-bit sequence numbers. */
    public static final int SEQUENCE_MODULUS = 1 << 16;
    /** Distinct 32-bit timestamps. */
    public static final long TIMESTAMP_MODULUS = 1L << 32;

    private SequenceNumbers() {
    }

    /**
     * How far sequence number {@code a} is ahead of {@code b}, across wrap. Only the low 16 bits of
     * each argument count. Numbers exactly half the space apart give -32768 in both orders.
     *
     * @param a a sequence number, 0..65535
     * @param b a sequence number, 0..65535
     * @return {@code a - b} modulo 2^16, in -32768..32767
     */
    public static int delta(int a, int b) {
        // Narrowing to short keeps the low 16 bits as a two's complement value: the wrap-safe answer.
        return (short) (a - b);
    }

    /**
     * @param a a sequence number, 0..65535
     * @param b a sequence number, 0..65535
     * @return whether {@code a} comes after {@code b} (ahead by 1..32767, across wrap)
     */
    public static boolean isNewer(int a, int b) {
        return delta(a, b) > 0;
    }

    /**
     * @param sequenceNumber a sequence number, 0..65535
     * @return the sequence number after it, wrapping from 65535 to 0
     */
    public static int next(int sequenceNumber) {
        return (sequenceNumber + 1) & (SEQUENCE_MODULUS - 1);
    }

    /**
     * How far timestamp {@code a} is ahead of {@code b}, across wrap. Only the low 32 bits of each
     * argument count.
     *
     * @param a an RTP timestamp, 0..2^32-1
     * @param b an RTP timestamp, 0..2^32-1
     * @return {@code a - b} modulo 2^32, as a signed 32-bit value
     */
    public static int timestampDelta(long a, long b) {
        return (int) (a - b);
    }

    /**
     * Extends a 32-bit RTP timestamp to the 64-bit timeline of {@code reference64}: the result is
     * the value congruent to {@code ts32} modulo 2^32 nearest to the reference (within
     * -2^31..2^31-1 of it). Near the start of a timeline the result may be negative.
     *
     * @param reference64 a recent extended timestamp, e.g. the highest one seen so far
     * @param ts32        a received RTP timestamp; only its low 32 bits count
     * @return the extended timestamp
     */
    public static long extend(long reference64, long ts32) {
        return reference64 + timestampDelta(ts32, reference64);
    }

    /**
     * @param timestamp an RTP timestamp
     * @param frames    frames to advance by
     * @return {@code timestamp + frames} wrapped into 0..2^32-1
     */
    public static long advanceTimestamp(long timestamp, long frames) {
        return (timestamp + frames) & (TIMESTAMP_MODULUS - 1);
    }
}
