package dev.intercom.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** NTP time conversion and RTT = A - LSR - DLSR, checked against RFC 3550 figure 2. */
@Timeout(10)
class RoundTripTest {

    @Test
    void rfc3550Figure2GivesSixPointOneTwoFiveSeconds() {
        // A = 0xb710:8000 (46864.5 s), LSR = 0xb705:2000 (46853.125 s), DLSR = 0x0005:4000
        // (5.25 s): A - LSR - DLSR = 0x0006:2000 = 6.125 s.
        assertEquals(6125.0, RoundTrip.rttMillis(0xb7108000L, 0xb7052000L, 0x54000L));
    }

    @Test
    void theRfcTimesComeOutOfTheNtpConversion() {
        long sent = NtpTime.fromEpochMillis(Instant.parse("1995-11-10T11:33:25.125Z").toEpochMilli());
        long arrived = NtpTime.fromEpochMillis(Instant.parse("1995-11-10T11:33:36.500Z").toEpochMilli());
        assertEquals(0xb44db705_20000000L, sent);
        assertEquals(0xb7052000L, NtpTime.middle32(sent));
        assertEquals(0xb7108000L, NtpTime.middle32(arrived));
    }

    @Test
    void rttFromAReportBlockFlyweight() {
        RtcpReportBlock block = new RtcpReportBlock().wrap(Wire.datagram(
                "cafebabe 00000000 00000000 00000000 b7052000 00054000"), 0);
        assertEquals(6125.0, RoundTrip.rttMillis(0xb7108000L, block));
    }

    @Test
    void lsrZeroMeansNoMeasurement() {
        assertTrue(Double.isNaN(RoundTrip.rttMillis(0xb7108000L, 0, 0)));
    }

    @Test
    void wrapsAcrossTheSixteenBitSecondsField() {
        // LSR at 65535.9375 s, A at 0.0625 s of the next cycle: 0.125 s apart.
        assertEquals(125.0, RoundTrip.rttMillis(0x0000_1000L, 0xFFFF_F000L, 0));
    }

    @Test
    void oneUnitIsAbout15Microseconds() {
        assertEquals(1000.0 / 65536, RoundTrip.rttMillis(0x10001, 0x10000, 0));
    }

    @Test
    void negativeResultFromClockRoundingIsZero() {
        assertEquals(0.0, RoundTrip.rttMillis(0x10000, 0x10000, 66));
    }

    @Test
    void unixEpochIsNtpSecond2208988800() {
        assertEquals(0x83AA7E80_00000000L, NtpTime.fromEpochMillis(0));
        assertEquals(0x83AA7E80_80000000L, NtpTime.fromEpoch(0, 500_000_000));
        // One millisecond before the epoch: the previous second, fraction 0.999.
        assertEquals(0x83AA7E7FL, NtpTime.fromEpochMillis(-1) >>> 32);
        assertEquals(999L * (1L << 32) / 1000, NtpTime.fromEpochMillis(-1) & 0xFFFF_FFFFL);
    }

    @Test
    void nanosecondConversionAgreesWithMillisAndRoundTrips() {
        long millis = Instant.parse("2024-03-01T12:34:56.789Z").toEpochMilli();
        assertEquals(NtpTime.fromEpochMillis(millis),
                NtpTime.fromEpoch(millis / 1000, 789_000_000));
        assertEquals(millis, NtpTime.toEpochMillis(NtpTime.fromEpochMillis(millis) + 1),
                "a fraction just above the millisecond truncates back to it");
        assertThrows(IllegalArgumentException.class, () -> NtpTime.fromEpoch(0, 1_000_000_000));
    }
}
