package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LineGrowthTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneUnderrunIsAMomentAndKeepsTheLine() {
        LineGrowth growth = new LineGrowth(4, 16);
        assertEquals(0, growth.afterWrite(0, 0));
        assertEquals(0, growth.afterWrite(1, SECOND));
        assertEquals(0, growth.afterWrite(1, 2 * SECOND));
        assertEquals(4, growth.blocks());
    }

    @Test
    void twoUnderrunsWithinTheWindowGrowTheLineByHalf() {
        LineGrowth growth = new LineGrowth(4, 16);
        assertEquals(0, growth.afterWrite(1, SECOND));
        assertEquals(6, growth.afterWrite(2, SECOND + LineGrowth.WINDOW_NANOS));
        assertEquals(6, growth.blocks());
    }

    @Test
    void underrunsFurtherApartThanTheWindowDoNotGrowIt() {
        LineGrowth growth = new LineGrowth(4, 16);
        assertEquals(0, growth.afterWrite(1, SECOND));
        assertEquals(0, growth.afterWrite(2, SECOND + LineGrowth.WINDOW_NANOS + 1));
        assertEquals(0, growth.afterWrite(3, SECOND + 3 * LineGrowth.WINDOW_NANOS));
        assertEquals(4, growth.blocks());
    }

    @Test
    void aGrownLineMustRunDryTwiceItselfBeforeItGrowsAgain() {
        LineGrowth growth = new LineGrowth(2, 16);
        growth.afterWrite(1, SECOND);
        assertEquals(3, growth.afterWrite(2, 2 * SECOND), "at least a block");
        assertEquals(0, growth.afterWrite(3, 3 * SECOND));
        assertEquals(5, growth.afterWrite(4, 4 * SECOND));
    }

    @Test
    void itNeverGrowsBeyondTheCeilingNorShrinks() {
        LineGrowth growth = new LineGrowth(8, 10);
        growth.afterWrite(1, SECOND);
        assertEquals(10, growth.afterWrite(2, SECOND));
        growth.afterWrite(3, 2 * SECOND);
        assertEquals(0, growth.afterWrite(4, 2 * SECOND), "at the ceiling the line stays");
        assertEquals(10, growth.blocks());
    }

    @Test
    void aCeilingBelowTheStartIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LineGrowth(4, 3));
        assertThrows(IllegalArgumentException.class, () -> new LineGrowth(1, 3));
    }
}
