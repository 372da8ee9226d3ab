package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.config.SessionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * config/intercom.properties is the one place defaults live, and it covers every flag: under
 * the flag's name, or "impair." + the name for the relay's flags (see {@link ConfigDefaults#key}).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConfigDefaultsTest {

    private static final Set<String> NOT_SETTINGS = Set.of("help", "version", "config", "verbose");

    @TempDir
    Path dir;

    @Test
    void everyFlagOfEveryCommandHasADefaultsLine() {
        Set<String> keys = ConfigDefaults.bundled().keys();
        Set<String> flags = new TreeSet<>();
        collect(new CommandLine(new IntercomCommand()), flags);
        assertTrue(keys.containsAll(flags), "missing: " + flags + " vs " + keys);
        assertEquals(flags, new TreeSet<>(keys), "no stale keys either");
    }

    private static void collect(CommandLine cmd, Set<String> into) {
        for (OptionSpec option : cmd.getCommandSpec().options()) {
            if (!NOT_SETTINGS.contains(option.longestName().replaceFirst("^-+", ""))) {
                into.add(ConfigDefaults.key(option));
            }
        }
        cmd.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    @Test
    void theBundledDefaultsAreTheLibraryDefaults() {
        CommandLine cli = new CommandLine(new IntercomCommand()).setDefaultValueProvider(ConfigDefaults.bundled());
        cli.parseArgs("--peer", "localhost:5004");
        IntercomCommand command = cli.getCommand();
        SessionConfig fromFile = command.options.audio.toBuilder().peer(command.options.peer).listen(command.options.listen).build();
        SessionConfig library = SessionConfig.builder().peer("localhost:5004").build();
        assertEquals(library.format(), fromFile.format());
        assertEquals(library.targetFrames(), fromFile.targetFrames());
        assertEquals(library.adaptiveJitter(), fromFile.adaptiveJitter());
        assertEquals(library.jitterLossPercent(), fromFile.jitterLossPercent());
        assertEquals(library.minTargetFrames(), fromFile.minTargetFrames());
        assertEquals(library.maxTargetFrames(), fromFile.maxTargetFrames());
        assertEquals(library.listen(), fromFile.listen());
        assertEquals(library.input(), fromFile.input());
        assertEquals(library.output(), fromFile.output());
        assertEquals(library.duration(), fromFile.duration());
        assertEquals(library.statsInterval(), fromFile.statsInterval());
        assertEquals(library.statsFile(), fromFile.statsFile());
    }

    @Test
    void aConfigFileOverridesDefaultsAndFlagsOverrideIt() throws Exception {
        Path lan = Path.of("..", "config", "presets", "lan.properties");
        assertTrue(Files.exists(lan), "the LAN preset ships in config/presets");
        CommandLine cli = new CommandLine(new IntercomCommand()).setDefaultValueProvider(ConfigDefaults.withOverrides(lan));
        cli.parseArgs("--peer", "localhost:5004", "--jitter", "10");
        IntercomCommand command = cli.getCommand();
        assertEquals(64, (int) command.options.audio.playout.block);
        assertEquals("10", command.options.audio.playout.jitter);
        assertEquals(48_000, command.options.audio.playout.rate);
    }

    @Test
    void everyPresetLoads() throws Exception {
        try (var presets = Files.list(Path.of("..", "config", "presets"))) {
            presets.forEach(p -> ConfigDefaults.withOverrides(p));
        }
    }
}
