package dev.intercom.config;

import dev.intercom.problem.ConfigException;
import java.time.Duration;

/**
 * Checks and converts the two timing flags that every long-running command shares,
 * {@code --duration} and {@code --stats-interval}: a session ({@link SessionConfig}) and the
 * impairment relay ({@code RelayConfig}) accept the same ranges and must refuse them in the same
 * words, so both ask here.
 */
public final class RunTiming {

    /** The longest run accepted, in seconds: about 31 years, only there to keep the nanoseconds in a long. */
    private static final double MAX_DURATION_SECONDS = 1e9;
    /** The longest statistics interval accepted, in seconds: one day. */
    private static final int MAX_STATS_INTERVAL_SECONDS = 86_400;

    private RunTiming() {
    }

    /**
     * Checks {@code --duration SECONDS}.
     *
     * @param seconds how long to run, or {@code null} to run until stopped
     * @return the same span to the nanosecond, or {@code null} for "until stopped"
     * @throws ConfigException if {@code seconds} is not above 0 (or is absurdly large, or NaN)
     */
    public static Duration duration(Double seconds) {
        if (seconds == null) {
            return null;
        }
        if (!(seconds > 0 && seconds <= MAX_DURATION_SECONDS)) {
            throw new ConfigException("--duration", "must be a number of seconds above 0 (got " + seconds + ")");
        }
        return toDuration(seconds);
    }

    /**
     * Checks {@code --stats-interval SECONDS}.
     *
     * @param seconds how often to report; 0 turns reporting off
     * @return the same span to the nanosecond; zero for never
     * @throws ConfigException if {@code seconds} is not from 0 to 86400 (or is NaN)
     */
    public static Duration statsInterval(double seconds) {
        if (!(seconds >= 0 && seconds <= MAX_STATS_INTERVAL_SECONDS)) {
            throw new ConfigException("--stats-interval", "must be from 0 (off) to " + MAX_STATS_INTERVAL_SECONDS
                    + " seconds (got " + seconds + ")");
        }
        return toDuration(seconds);
    }

    private static Duration toDuration(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
