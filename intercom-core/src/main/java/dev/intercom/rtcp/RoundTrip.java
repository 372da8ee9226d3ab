package dev.intercom.rtcp;

/**
 * Round-trip time from a report block (RFC 3550 section 6.4.1): the sender of an SR notes when
 * a report block echoing that SR arrives (A), and subtracts the echoed SR time (LSR) and the
 * time the reporter held it (DLSR). All three are in the middle-32-bit NTP format, 1/65536 s
 * per unit, so only the sender's own clock is involved and the two clocks need not agree.
 */
public final class RoundTrip {

    /** Units of the middle-32-bit NTP format in one second. */
    public static final double UNITS_PER_SECOND = 65_536.0;

    private RoundTrip() {
    }

    /**
     * RTT = A - LSR - DLSR, computed modulo 2^32 (the seconds field wraps every 18.2 hours) and
     * converted from 1/65536 s to milliseconds.
     *
     * @param arrivalNtpMiddle32 A: {@link NtpTime#middle32} of the wall-clock time the block
     *                           arrived, from the same clock that stamped our SRs
     * @param lsr                LSR from the block: middle 32 bits of our SR's NTP time
     * @param dlsr               DLSR from the block, in 1/65536 s
     * @return the round-trip time in milliseconds (resolution about 15 microseconds);
     *         {@code NaN} if LSR is 0 (the reporter has had no SR from us yet, so there is
     *         nothing to measure); 0 if the result is negative, which only clock rounding
     *         (e.g. a millisecond clock on loopback) or a bogus block can cause
     */
    public static double rttMillis(long arrivalNtpMiddle32, long lsr, long dlsr) {
        if (lsr == 0) {
            return Double.NaN;
        }
        // The int cast reads the modulo 2^32 difference as signed: a small negative stays small.
        int units = (int) (arrivalNtpMiddle32 - lsr - dlsr);
        if (units < 0) {
            return 0.0;
        }
        return units * 1000.0 / UNITS_PER_SECOND;
    }

    /**
     * {@link #rttMillis(long, long, long)} for a received report block.
     *
     * @param arrivalNtpMiddle32 A, as above
     * @param block              a report block about our own SSRC
     * @return the round-trip time in milliseconds, NaN if the block's LSR is 0
     */
    public static double rttMillis(long arrivalNtpMiddle32, RtcpReportBlock block) {
        return rttMillis(arrivalNtpMiddle32, block.lastSenderReport(),
                block.delaySinceLastSenderReport());
    }
}
