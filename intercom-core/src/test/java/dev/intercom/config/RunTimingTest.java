package dev.intercom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.intercom.problem.ConfigException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The timing flags a session and the relay share: the spans come back to the nanosecond, and a
 * bad value is refused in the exact words the command line prints.
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class RunTimingTest {

    @Test
    void aDurationComesBackToTheNanosecondAndNullMeansUntilStopped() {
        assertNull(RunTiming.duration(null));
        assertEquals(Duration.ofMillis(1_500), RunTiming.duration(1.5));
        assertEquals(Duration.ofNanos(1), RunTiming.duration(1e-9));
        assertEquals(Duration.ofSeconds(1_000_000_000), RunTiming.duration(1e9));
    }

    @Test
    void aDurationMustBeAboveZero() {
        assertRefused("--duration: must be a number of seconds above 0 (got 0.0)", () -> RunTiming.duration(0.0));
        assertRefused("--duration: must be a number of seconds above 0 (got -2.5)", () -> RunTiming.duration(-2.5));
        assertRefused("--duration: must be a number of seconds above 0 (got NaN)", () -> RunTiming.duration(Double.NaN));
        assertRefused("--duration: must be a number of seconds above 0 (got 1.000000001E9)",
                () -> RunTiming.duration(1e9 + 1));
    }

    @Test
    void aStatsIntervalOfZeroMeansNever() {
        assertEquals(Duration.ZERO, RunTiming.statsInterval(0));
        assertEquals(Duration.ofMillis(500), RunTiming.statsInterval(0.5));
        assertEquals(Duration.ofDays(1), RunTiming.statsInterval(86_400));
    }

    @Test
    void aStatsIntervalMustBeFromZeroToOneDay() {
        assertRefused("--stats-interval: must be from 0 (off) to 86400 seconds (got -1.0)",
                () -> RunTiming.statsInterval(-1));
        assertRefused("--stats-interval: must be from 0 (off) to 86400 seconds (got 86400.5)",
                () -> RunTiming.statsInterval(86_400.5));
        assertRefused("--stats-interval: must be from 0 (off) to 86400 seconds (got NaN)",
                () -> RunTiming.statsInterval(Double.NaN));
    }

    private static void assertRefused(String message, Runnable check) {
        ConfigException e = assertThrows(ConfigException.class, check::run);
        assertEquals(message, e.getMessage());
    }
}
