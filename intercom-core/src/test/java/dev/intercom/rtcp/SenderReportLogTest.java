package dev.intercom.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A report block is believed only if it answers one of our SRs with a physical round trip. */
@Timeout(10)
class SenderReportLogTest {

    /** One second in the middle-32-bit NTP format. */
    private static final long SECOND = 65_536;
    /** Our SR at 46853.125 s, as in RFC 3550 figure 2. */
    private static final long SR_NTP = 0xb44db705_20000000L;
    private static final long LSR = 0xb7052000L;

    @Test
    void theRfcExampleIsBelieved() {
        SenderReportLog log = new SenderReportLog();
        log.sent(SR_NTP);
        assertEquals(6125.0, log.roundTripMillis(0xb7108000L, LSR, 0x54000L));
    }

    @Test
    void anLsrWeNeverSentIsRefused() {
        SenderReportLog log = new SenderReportLog();
        log.sent(SR_NTP);
        assertTrue(Double.isNaN(log.roundTripMillis(LSR + 7 * SECOND, LSR + 1, 0)));
        assertFalse(log.isOurs(0), "LSR 0 means no SR yet, never a match");
    }

    @Test
    void aDlsrLongerThanOurSrHasExistedIsRefused() {
        SenderReportLog log = new SenderReportLog();
        log.sent(SR_NTP);
        long arrival = LSR + SECOND;
        assertTrue(Double.isNaN(log.roundTripMillis(arrival, LSR, 2 * SECOND)));
        // Rounding of a millisecond either way is tolerated and reads as a zero round trip.
        assertEquals(0.0, log.roundTripMillis(arrival, LSR, SECOND + 60));
    }

    @Test
    void aRoundTripBeyondTenSecondsIsRefused() {
        SenderReportLog log = new SenderReportLog();
        log.sent(SR_NTP);
        assertTrue(Double.isNaN(log.roundTripMillis(LSR + 11 * SECOND, LSR, 0)));
        assertEquals(9000.0, log.roundTripMillis(LSR + 9 * SECOND, LSR, 0));
        // An arrival "before" our SR is a wrap of 18 hours: refused.
        assertTrue(Double.isNaN(log.roundTripMillis(LSR - SECOND, LSR, 0)));
    }

    @Test
    void onlyTheLastSixteenSrsAreRemembered() {
        SenderReportLog log = new SenderReportLog();
        for (int i = 0; i < SenderReportLog.CAPACITY + 1; i++) {
            log.sent(SR_NTP + ((long) i << 32)); // one second apart
        }
        assertFalse(log.isOurs(LSR), "the oldest was forgotten");
        assertTrue(log.isOurs(LSR + SECOND));
        assertTrue(log.isOurs(LSR + SenderReportLog.CAPACITY * SECOND));
    }

    @Test
    void fuzzedBlocksAreNeverBelieved() {
        SenderReportLog log = new SenderReportLog();
        log.sent(SR_NTP);
        SplittableRandom random = new SplittableRandom(13);
        long arrival = LSR + SECOND / 10;
        for (int i = 0; i < 100_000; i++) {
            long lsr = random.nextLong() & 0xFFFF_FFFFL;
            if (lsr != LSR) {
                assertTrue(Double.isNaN(log.roundTripMillis(arrival, lsr, random.nextLong() & 0xFFFF_FFFFL)));
            }
        }
    }
}
