package dev.intercom.rtcp;

/**
 * The last sender reports we sent, so that a report block about our stream can prove it answers
 * one of them. RFC 3550 lets anyone who can reach the port send a receiver report; without this
 * check a forged or fuzzed block set the round-trip time to days (issue 13). A block is trusted
 * only if its LSR equals the middle 32 bits of one of our last {@link #CAPACITY} SRs and its
 * DLSR fits in the time since that SR left, which leaves a round trip between 0 and
 * {@link #MAX_RTT_MILLIS}. Not thread-safe: the RTCP agent uses it on the event loop only.
 */
public final class SenderReportLog {

    /**
     * SRs remembered. Reports go out about once a second (0.5-1.5 s randomised), and the peer
     * echoes its latest SR of ours; 16 covers a peer reporting every 5 s, as GStreamer does,
     * with several reports lost.
     */
    public static final int CAPACITY = 16;
    /** The longest round trip believed: far above any real path, far below what forgeries gave. */
    public static final double MAX_RTT_MILLIS = 10_000;
    /** Slack for the clocks' rounding: a block may say the peer held our SR up to 2 ms too long. */
    private static final int ROUNDING_UNITS = 131;
    private static final long MASK_32 = 0xFFFF_FFFFL;

    private final long[] sent = new long[CAPACITY];
    private int count;
    private int next;

    /**
     * Notes a sender report we are sending.
     *
     * @param ntpTimestamp the SR's 64-bit NTP timestamp
     */
    public void sent(long ntpTimestamp) {
        sent[next] = NtpTime.middle32(ntpTimestamp);
        next = (next + 1) % CAPACITY;
        count = Math.min(count + 1, CAPACITY);
    }

    /**
     * @param lsr LSR from a report block
     * @return true if it echoes one of the SRs remembered (0 never does: it means "no SR yet")
     */
    public boolean isOurs(long lsr) {
        if (lsr == 0) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (sent[i] == (lsr & MASK_32)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The round trip a report block proves, RFC 3550 section 6.4.1: A - LSR - DLSR.
     *
     * @param arrivalNtpMiddle32 A: middle 32 bits of the wall-clock time the block arrived
     * @param lsr                LSR from the block
     * @param dlsr               DLSR from the block, 1/65536 s
     * @return the round trip in milliseconds, or NaN if the block does not answer one of our
     *         SRs, or its DLSR is longer than the time since that SR left, or the result exceeds
     *         {@link #MAX_RTT_MILLIS}
     */
    public double roundTripMillis(long arrivalNtpMiddle32, long lsr, long dlsr) {
        if (!isOurs(lsr)) {
            return Double.NaN;
        }
        // Our SR left this long ago; read modulo 2^32 as signed, so an arrival "before" it is negative.
        long sinceSr = (int) (arrivalNtpMiddle32 - lsr);
        if (sinceSr < -ROUNDING_UNITS || (dlsr & MASK_32) > sinceSr + ROUNDING_UNITS) {
            return Double.NaN; // the peer claims to have held our SR longer than it has existed
        }
        double millis = RoundTrip.rttMillis(arrivalNtpMiddle32, lsr, dlsr);
        return millis > MAX_RTT_MILLIS ? Double.NaN : millis;
    }
}
