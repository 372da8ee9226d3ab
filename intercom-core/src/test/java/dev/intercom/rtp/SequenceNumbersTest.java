package dev.intercom.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Wrap-safe arithmetic on 16-bit sequence numbers and 32-bit timestamps. */
@Timeout(10)
class SequenceNumbersTest {

    @Test
    void deltaAcrossWrap() {
        assertEquals(1, SequenceNumbers.delta(0, 65535));
        assertEquals(-1, SequenceNumbers.delta(65535, 0));
        assertEquals(136, SequenceNumbers.delta(100, 65500));
        assertEquals(-136, SequenceNumbers.delta(65500, 100));
        assertEquals(0, SequenceNumbers.delta(42, 42));
        assertEquals(32767, SequenceNumbers.delta(32767, 0));
        assertEquals(-32767, SequenceNumbers.delta(0, 32767));
        // Exactly half apart is ambiguous; both orders give the most negative value.
        assertEquals(-32768, SequenceNumbers.delta(32768, 0));
        assertEquals(-32768, SequenceNumbers.delta(0, 32768));
    }

    @Test
    void deltaMatchesModularDefinition() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            int a = random.nextInt(65536);
            int b = random.nextInt(65536);
            int expected = Math.floorMod(a - b + 32768, 65536) - 32768;
            assertEquals(expected, SequenceNumbers.delta(a, b), a + " - " + b);
            assertEquals(a, (b + SequenceNumbers.delta(a, b)) & 0xFFFF);
        }
    }

    @Test
    void isNewerAcrossWrap() {
        assertTrue(SequenceNumbers.isNewer(0, 65535));
        assertFalse(SequenceNumbers.isNewer(65535, 0));
        assertTrue(SequenceNumbers.isNewer(10, 65000));
        assertTrue(SequenceNumbers.isNewer(2, 1));
        assertFalse(SequenceNumbers.isNewer(1, 2));
        assertFalse(SequenceNumbers.isNewer(7, 7));
        assertTrue(SequenceNumbers.isNewer(32767, 0));
        assertFalse(SequenceNumbers.isNewer(32768, 0));
        assertFalse(SequenceNumbers.isNewer(0, 32768));
    }

    @Test
    void nextWrapsAt65536() {
        assertEquals(1, SequenceNumbers.next(0));
        assertEquals(65535, SequenceNumbers.next(65534));
        assertEquals(0, SequenceNumbers.next(65535));
    }

    @Test
    void timestampDeltaAcrossWrap() {
        assertEquals(1, SequenceNumbers.timestampDelta(0L, 0xFFFF_FFFFL));
        assertEquals(-1, SequenceNumbers.timestampDelta(0xFFFF_FFFFL, 0L));
        assertEquals(960, SequenceNumbers.timestampDelta(0x0000_0100L, 0xFFFF_FD40L));
        assertEquals(Integer.MAX_VALUE, SequenceNumbers.timestampDelta(0x7FFF_FFFFL, 0L));
        assertEquals(Integer.MIN_VALUE, SequenceNumbers.timestampDelta(0x8000_0000L, 0L));
        assertEquals(0, SequenceNumbers.timestampDelta(5L, 5L));
    }

    @Test
    void extendFollowsTimestampForwardAndBackAcrossWrap() {
        long beforeWrap = 0x1_FFFF_FFF0L;
        assertEquals(0x2_0000_0010L, SequenceNumbers.extend(beforeWrap, 0x10L));
        assertEquals(0x1_FFFF_FFFFL, SequenceNumbers.extend(beforeWrap, 0xFFFF_FFFFL));
        // A late packet from before the wrap lands before the reference, not 2^32 later.
        assertEquals(0x1_FFFF_FFF0L, SequenceNumbers.extend(0x2_0000_0010L, 0xFFFF_FFF0L));
        assertEquals(990L, SequenceNumbers.extend(1000L, 990L));
        assertEquals(1000L, SequenceNumbers.extend(1000L, 1000L));
        // Near the start of a timeline the nearest value may lie before zero.
        assertEquals(-1L, SequenceNumbers.extend(5L, 0xFFFF_FFFFL));
        // Only the low 32 bits of the received timestamp count.
        assertEquals(0x2_0000_0010L, SequenceNumbers.extend(beforeWrap, 0x7_0000_0010L));
    }

    @Test
    void extendIsNearestCongruentValue() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 10_000; i++) {
            long reference = random.nextLong(1L << 50);
            long ts32 = random.nextLong(1L << 32);
            long extended = SequenceNumbers.extend(reference, ts32);
            assertEquals(ts32, extended & 0xFFFF_FFFFL);
            long distance = extended - reference;
            assertTrue(distance >= Integer.MIN_VALUE && distance <= Integer.MAX_VALUE,
                    reference + " / " + ts32 + " -> " + extended);
        }
    }

    @Test
    void advanceTimestampWrapsAt2To32() {
        assertEquals(4L, SequenceNumbers.advanceTimestamp(0xFFFF_FFF0L, 20));
        assertEquals(0L, SequenceNumbers.advanceTimestamp(0xFFFF_FFFFL, 1));
        assertEquals(0xFFFF_FFFFL, SequenceNumbers.advanceTimestamp(0xFFFF_FFFEL, 1));
    }
}
