package dev.intercom.rtcp;

/**
 * 64-bit NTP timestamps as RTCP uses them (RFC 3550 section 4): unsigned seconds since
 * 1900-01-01 UTC in the high 32 bits, a binary fraction of a second in the low 32. The seconds
 * wrap in 2036; RTCP only ever compares nearby times, so the wrap is harmless.
 */
public final class NtpTime {

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    /** Units of the 32-bit NTP fraction in one second. */
    private static final long FRACTION_PER_SECOND = 1L << 32;
    private static final long MASK_32 = 0xFFFF_FFFFL;

    private NtpTime() {
    }

    /**
     * @param epochMillis wall-clock milliseconds since 1970 (e.g. {@link System#currentTimeMillis})
     * @return the same instant as a 64-bit NTP timestamp
     */
    public static long fromEpochMillis(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000);
        long millis = Math.floorMod(epochMillis, 1000);
        // millis < 1000, so millis * 2^32 stays far below 2^63.
        return fromParts(seconds, millis * FRACTION_PER_SECOND / 1000);
    }

    /**
     * Finer than {@link #fromEpochMillis}, for a clock that has it ({@code Instant.now()} gives
     * microseconds on Linux): round trips on a LAN are well under a millisecond.
     *
     * @param epochSeconds seconds since 1970
     * @param nanos        nanoseconds within that second, 0..999,999,999
     * @return the same instant as a 64-bit NTP timestamp
     * @throws IllegalArgumentException if {@code nanos} is out of range
     */
    public static long fromEpoch(long epochSeconds, int nanos) {
        if (nanos < 0 || nanos >= 1_000_000_000) {
            throw new IllegalArgumentException("nanos must be 0..999999999, got " + nanos);
        }
        // nanos < 2^30, so nanos * 2^32 stays below 2^62.
        return fromParts(epochSeconds, nanos * FRACTION_PER_SECOND / 1_000_000_000L);
    }

    /**
     * @param ntpTimestamp a 64-bit NTP timestamp
     * @return the same instant in milliseconds since 1970, assuming the NTP era of 1900-2036
     */
    public static long toEpochMillis(long ntpTimestamp) {
        long seconds = (ntpTimestamp >>> 32) - UNIX_EPOCH_OFFSET_SECONDS;
        long fraction = ntpTimestamp & MASK_32;
        return seconds * 1000 + fraction * 1000 / FRACTION_PER_SECOND;
    }

    /**
     * The compact form RTCP echoes in LSR and compares with arrival times: 16 bits of seconds
     * and 16 bits of fraction, so one unit is 1/65536 s.
     *
     * @param ntpTimestamp a 64-bit NTP timestamp
     * @return its middle 32 bits, 0..2^32-1
     */
    public static long middle32(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & MASK_32;
    }

    private static long fromParts(long epochSeconds, long fraction) {
        long ntpSeconds = (epochSeconds + UNIX_EPOCH_OFFSET_SECONDS) & MASK_32;
        return ntpSeconds << 32 | fraction;
    }
}
