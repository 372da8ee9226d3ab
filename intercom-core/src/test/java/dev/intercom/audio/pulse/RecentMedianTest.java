package dev.intercom.audio.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RecentMedianTest {

    @Test
    void theMedianOfTheLastValuesSkippingMissingOnes() {
        RecentMedian median = new RecentMedian(3);
        assertTrue(Double.isNaN(median.add(OptionalDouble.empty())));
        assertEquals(4, median.add(OptionalDouble.of(4)), 1e-12);
        assertEquals(2, median.add(OptionalDouble.of(2)), 1e-12, "of two, the lower");
        assertEquals(2, median.add(OptionalDouble.empty()), 1e-12);
        assertEquals(3, median.add(OptionalDouble.of(3)), 1e-12);
        assertEquals(3, median.add(OptionalDouble.of(10)), 1e-12, "the 4 has left the window: 2, 3, 10");
    }

    @Test
    void oneWildAnswerDoesNotMoveIt() {
        RecentMedian median = new RecentMedian(5);
        median.add(OptionalDouble.of(1.2));
        assertEquals(1.2, median.add(OptionalDouble.of(1900)), 1e-12, "a sink still at its idle latency");
        median.add(OptionalDouble.of(1.3));
        assertEquals(1.3, median.add(OptionalDouble.of(1.4)), 1e-12, "1.2, 1.3, 1.4, 1900");
    }
}
