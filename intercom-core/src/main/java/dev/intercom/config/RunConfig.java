package dev.intercom.config;

import dev.intercom.problem.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a session runs and what it reports: {@code --duration}, {@code --stats-interval} and
 * {@code --stats-file}.
 *
 * @param duration      how long to run, empty for "until stopped"
 * @param statsInterval how often to log statistics; zero means never
 * @param statsFile     where to write CSV statistics, if anywhere
 */
public record RunConfig(Optional<Duration> duration, Duration statsInterval, Optional<Path> statsFile) {

    /** @throws ConfigException naming the first bad flag */
    static RunConfig of(Double durationSeconds, double statsIntervalSeconds, Path statsFile) {
        Duration duration = RunTiming.duration(durationSeconds);
        Duration statsInterval = RunTiming.statsInterval(statsIntervalSeconds);
        if (statsFile != null && statsIntervalSeconds == 0) {
            throw new ConfigException("--stats-file", "needs --stats-interval above 0 to write rows");
        }
        return new RunConfig(Optional.ofNullable(duration), statsInterval, Optional.ofNullable(statsFile));
    }
}
