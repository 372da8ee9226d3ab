package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LineGrowthTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneUnderrunIsAMomentAndKeepsTheLine() {
        LineGrowth growth = new LineGrowth(4, 16);
        assertEquals(0, growth.afterWrite(0, 0, false));
        assertEquals(0, growth.afterWrite(1, SECOND, false));
        assertEquals(0, growth.afterWrite(1, 2 * SECOND, false));
        assertEquals(4, growth.blocks());
    }

    @Test
    void twoUnderrunsWithinTheWindowGrowTheLineByHalf() {
        LineGrowth growth = new LineGrowth(4, 16);
        assertEquals(0, growth.afterWrite(1, SECOND, false));
        assertEquals(6, growth.afterWrite(2, SECOND + LineGrowth.WINDOW_NANOS, false));
        assertEquals(6, growth.blocks());
    }

    @Test
    void underrunsFurtherApartThanTheWindowDoNotGrowIt() {
        LineGrowth growth = new LineGrowth(4, 16);
        assertEquals(0, growth.afterWrite(1, SECOND, false));
        assertEquals(0, growth.afterWrite(2, SECOND + LineGrowth.WINDOW_NANOS + 1, false));
        assertEquals(0, growth.afterWrite(3, SECOND + 3 * LineGrowth.WINDOW_NANOS, false));
        assertEquals(4, growth.blocks());
    }

    @Test
    void aGrownLineMustRunDryTwiceItselfBeforeItGrowsAgain() {
        LineGrowth growth = new LineGrowth(2, 16);
        growth.afterWrite(1, SECOND, false);
        assertEquals(3, growth.afterWrite(2, 2 * SECOND, false), "at least a block");
        assertEquals(0, growth.afterWrite(3, 3 * SECOND, false));
        assertEquals(5, growth.afterWrite(4, 4 * SECOND, false));
    }

    @Test
    void itNeverGrowsBeyondTheCeiling() {
        LineGrowth growth = new LineGrowth(8, 10);
        growth.afterWrite(1, SECOND, false);
        assertEquals(10, growth.afterWrite(2, SECOND, false));
        growth.afterWrite(3, 2 * SECOND, false);
        assertEquals(0, growth.afterWrite(4, 2 * SECOND, false), "at the ceiling the line stays");
        assertEquals(10, growth.blocks());
    }

    @Test
    void aGrownLineGoesBackAfterAQuietSpellAtASilentMoment() {
        LineGrowth growth = grown(4, 6, 2 * SECOND);
        long calm = 2 * SECOND + LineGrowth.FIRST_QUIET_NANOS;
        assertEquals(0, growth.afterWrite(2, calm - 1, true), "not before the quiet spell is over");
        assertEquals(0, growth.afterWrite(2, calm, false), "waits for a silent moment");
        assertEquals(4, growth.afterWrite(2, calm + SECOND, true), "back to the size it was opened with");
        assertEquals(4, growth.blocks());
        assertEquals(0, growth.afterWrite(2, calm + 5 * LineGrowth.FIRST_QUIET_NANOS, true), "and stays there");
    }

    @Test
    void withNoSilentMomentItGoesBackAfterTwoQuietSpells() {
        LineGrowth growth = grown(4, 6, 0);
        assertEquals(0, growth.afterWrite(2, 2 * LineGrowth.FIRST_QUIET_NANOS - 1, false));
        assertEquals(4, growth.afterWrite(2, 2 * LineGrowth.FIRST_QUIET_NANOS, false));
    }

    @Test
    void anUnderrunStartsTheQuietSpellAgain() {
        LineGrowth growth = grown(4, 6, 0);
        long underran = LineGrowth.FIRST_QUIET_NANOS - SECOND;
        assertEquals(0, growth.afterWrite(3, underran, true), "one underrun of the grown line keeps it");
        assertEquals(0, growth.afterWrite(3, LineGrowth.FIRST_QUIET_NANOS + SECOND, true));
        assertEquals(4, growth.afterWrite(3, underran + LineGrowth.FIRST_QUIET_NANOS, true));
    }

    @Test
    void aMachineThatKeepsStallingWaitsLongerEachTimeUpToTheCeiling() {
        LineGrowth growth = grown(4, 6, 0);
        long now = 0;
        long underruns = 2;
        long expectedQuiet = LineGrowth.FIRST_QUIET_NANOS;
        for (int round = 0; round < 8; round++) {
            assertEquals(expectedQuiet, growth.quietNanos(), "round " + round);
            assertEquals(0, growth.afterWrite(underruns, now + growth.quietNanos() - 1, true));
            now += growth.quietNanos();
            assertEquals(4, growth.afterWrite(underruns, now, true), "round " + round + " goes back");
            assertEquals(0, growth.afterWrite(++underruns, now + SECOND, false));
            assertEquals(6, growth.afterWrite(++underruns, now + 2 * SECOND, false), "and grows again");
            now += 2 * SECOND;
            expectedQuiet = Math.min(LineGrowth.MAX_QUIET_NANOS, 2 * expectedQuiet);
        }
        assertEquals(LineGrowth.MAX_QUIET_NANOS, growth.quietNanos());
    }

    @Test
    void aLineThatNeverGrewStaysAsOpened() {
        LineGrowth growth = new LineGrowth(4, 16);
        assertEquals(0, growth.afterWrite(0, 10 * LineGrowth.MAX_QUIET_NANOS, true));
        assertEquals(4, growth.blocks());
    }

    /** @return a line opened with {@code blocks} that grew to {@code grownTo} at {@code atNanos} (2 underruns) */
    private static LineGrowth grown(int blocks, int grownTo, long atNanos) {
        LineGrowth growth = new LineGrowth(blocks, 16);
        assertEquals(0, growth.afterWrite(1, atNanos - SECOND / 2, false));
        assertEquals(grownTo, growth.afterWrite(2, atNanos, false));
        return growth;
    }

    @Test
    void aCeilingBelowTheStartIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LineGrowth(4, 3));
        assertThrows(IllegalArgumentException.class, () -> new LineGrowth(1, 3));
        assertThrows(IllegalArgumentException.class, () -> new LineGrowth(4, 8, 0, SECOND));
        assertThrows(IllegalArgumentException.class, () -> new LineGrowth(4, 8, 2 * SECOND, SECOND));
    }
}
