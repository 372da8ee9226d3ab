package dev.intercom.audio.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RecentMeanTest {

    @Test
    void averagesTheLastValuesAndSkipsMissingOnes() {
        RecentMean mean = new RecentMean(3);
        assertTrue(Double.isNaN(mean.add(OptionalDouble.empty())));
        assertEquals(4, mean.add(OptionalDouble.of(4)), 1e-12);
        assertEquals(3, mean.add(OptionalDouble.of(2)), 1e-12);
        assertEquals(3, mean.add(OptionalDouble.empty()), 1e-12);
        assertEquals(3, mean.add(OptionalDouble.of(3)), 1e-12);
        assertEquals(5, mean.add(OptionalDouble.of(10)), 1e-12, "the 4 has left the window: (2 + 3 + 10) / 3");
    }
}
