package dev.intercom.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 3711 Appendix A index estimation, at and around each boundary. */
@Timeout(5)
class SrtpIndexTest {

    @Test
    void nearbySequenceNumbersKeepTheRolloverCounter() {
        assertEquals(0x3_0105L, SrtpIndex.estimate(0x3_0100L, 0x0105));
        assertEquals(0x3_00F0L, SrtpIndex.estimate(0x3_0100L, 0x00F0));
    }

    @Test
    void wrapForwardFromTheTopOfTheSpaceIncrementsTheRolloverCounter() {
        assertEquals(0x4_0002L, SrtpIndex.estimate(0x3_FFFEL, 0x0002));
        assertEquals(0x1_0000L, SrtpIndex.estimate(0xFFFFL, 0x0000));
    }

    @Test
    void aLatePacketFromBeforeTheWrapDecrementsTheRolloverCounter() {
        assertEquals(0x3_FFFEL, SrtpIndex.estimate(0x4_0002L, 0xFFFE));
    }

    @Test
    void beforeTheFirstRolloverALatePacketFromBeforeTheStartIsNegative() {
        assertEquals(-2L, SrtpIndex.estimate(0x0_0002L, 0xFFFE));
    }

    @Test
    void exactlyHalfTheSpaceAwayKeepsTheRolloverCounter() {
        // s_l < 2^15: v = ROC - 1 only if SEQ - s_l > 2^15.
        assertEquals(0x2_8010L, SrtpIndex.estimate(0x2_0010L, 0x8010));
        assertEquals(0x1_8011L, SrtpIndex.estimate(0x2_0010L, 0x8011));
        // s_l >= 2^15: v = ROC + 1 only if s_l - 2^15 > SEQ.
        assertEquals(0x2_0010L, SrtpIndex.estimate(0x2_8010L, 0x0010));
        assertEquals(0x3_000FL, SrtpIndex.estimate(0x2_8010L, 0x000F));
    }
}
