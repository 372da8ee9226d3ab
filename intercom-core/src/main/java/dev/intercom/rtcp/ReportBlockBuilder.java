package dev.intercom.rtcp;

/**
 * Works out the fields of the report block a receiver sends about one source (RFC 3550
 * appendix A.3 and section 6.4.1) from counters it already keeps: sequence numbers extended
 * beyond 16 bits, packets received, interarrival jitter, and when the source's last SR came in.
 *
 * <p>Call {@link #senderReportReceived} for every SR from the source, and {@link #update} just
 * before writing each report; then read the fields or {@link #writeTo} a compound writer. The
 * fraction lost covers the time since the previous {@code update}, so call it once per report.
 * Time is passed in; nothing allocates. Not thread-safe.
 */
public final class ReportBlockBuilder {

    /** Largest cumulative loss the signed 24-bit field holds. */
    public static final int MAX_CUMULATIVE_LOST = 0x7F_FFFF;
    /** Smallest (most negative) cumulative loss the signed 24-bit field holds. */
    public static final int MIN_CUMULATIVE_LOST = -0x80_0000;

    private static final long MASK_32 = 0xFFFF_FFFFL;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** A delay of 2^32 / 65536 s, the first that DLSR cannot hold. */
    private static final long DLSR_OVERFLOW_NANOS = 65_536L * NANOS_PER_SECOND;

    private long expectedPrior;
    private long receivedPrior;
    private long lastSenderReport;
    private long lastSenderReportNanos;

    private int fractionLost;
    private int cumulativeLost;
    private long extendedHighestSequence;
    private long jitter;
    private long delaySinceLastSenderReport;

    /** Creates a builder for a source heard from for the first time. */
    public ReportBlockBuilder() {
    }

    /** Forgets everything about the source (its SSRC changed or it restarted). */
    public void reset() {
        expectedPrior = 0;
        receivedPrior = 0;
        lastSenderReport = 0;
        lastSenderReportNanos = 0;
        fractionLost = 0;
        cumulativeLost = 0;
        extendedHighestSequence = 0;
        jitter = 0;
        delaySinceLastSenderReport = 0;
    }

    /**
     * Notes an SR from the source, for the LSR and DLSR of later reports.
     *
     * @param ntpTimestamp the SR's 64-bit NTP timestamp ({@link RtcpSenderInfo#ntpTimestamp()})
     * @param arrivalNanos when it arrived, on the monotonic clock later passed to {@link #update}
     */
    public void senderReportReceived(long ntpTimestamp, long arrivalNanos) {
        lastSenderReport = NtpTime.middle32(ntpTimestamp);
        lastSenderReportNanos = arrivalNanos;
    }

    /**
     * Computes the block's fields for a report sent now. Sequence numbers are extended (cycles
     * times 65536 plus the 16-bit number) and may carry any constant offset, since only their
     * difference counts towards loss; the highest one is written modulo 2^32.
     *
     * @param baseExtendedSequence    extended sequence number of the first packet expected
     * @param highestExtendedSequence extended highest sequence number received
     * @param received                packets received since the start (RFC 3550 counts
     *                                duplicates too; a counter of distinct packets works as well)
     * @param jitterUnits             interarrival jitter in RTP timestamp units; truncated
     * @param nowNanos                now, on the clock given to {@link #senderReportReceived}
     * @return this builder, with its fields set
     */
    public ReportBlockBuilder update(long baseExtendedSequence, long highestExtendedSequence,
            long received, double jitterUnits, long nowNanos) {
        long expected = highestExtendedSequence - baseExtendedSequence + 1;
        cumulativeLost = clampCumulativeLost(expected - received);

        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval <= 0 || lostInterval <= 0) {
            // Duplicates or late arrivals can outnumber the losses: report no loss, not a
            // negative fraction.
            fractionLost = 0;
        } else {
            // All lost gives 256/256, which the 8-bit field cannot hold.
            fractionLost = (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        }

        extendedHighestSequence = highestExtendedSequence & MASK_32;
        if (!(jitterUnits > 0)) { // also catches NaN
            jitter = 0;
        } else {
            jitter = (long) Math.min(jitterUnits, MASK_32);
        }

        if (lastSenderReport == 0) {
            delaySinceLastSenderReport = 0;
        } else {
            long delayNanos = Math.max(0, nowNanos - lastSenderReportNanos);
            delaySinceLastSenderReport = delayNanos >= DLSR_OVERFLOW_NANOS ? MASK_32
                    : delayNanos * 65_536L / NANOS_PER_SECOND;
        }
        return this;
    }

    /**
     * Appends the block to the SR or RR {@code writer} is writing.
     *
     * @param writer     a compound writer just past an SR, RR or report block
     * @param sourceSsrc SSRC of the source this block is about
     */
    public void writeTo(RtcpCompoundWriter writer, long sourceSsrc) {
        writer.reportBlock(sourceSsrc, fractionLost, cumulativeLost, extendedHighestSequence,
                jitter, lastSenderReport, delaySinceLastSenderReport);
    }

    /** @return packets lost since the previous update, in 1/256, 0..255 */
    public int fractionLost() {
        return fractionLost;
    }

    /** @return expected minus received since the start, clamped to the signed 24-bit range */
    public int cumulativeLost() {
        return cumulativeLost;
    }

    /** @return the extended highest sequence number, modulo 2^32 */
    public long extendedHighestSequence() {
        return extendedHighestSequence;
    }

    /** @return interarrival jitter in whole RTP timestamp units, 0..2^32-1 */
    public long jitter() {
        return jitter;
    }

    /** @return LSR: middle 32 bits of the last SR's NTP timestamp, or 0 if none came */
    public long lastSenderReport() {
        return lastSenderReport;
    }

    /** @return DLSR: 1/65536 s from the last SR's arrival to the last update, or 0 if none */
    public long delaySinceLastSenderReport() {
        return delaySinceLastSenderReport;
    }

    /**
     * @param lost a cumulative loss, possibly negative
     * @return {@code lost} clamped to -8388608..8388607, the range of the signed 24-bit field
     */
    public static int clampCumulativeLost(long lost) {
        return (int) Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, lost));
    }
}
