package dev.intercom.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read defaults from this properties file (see config/intercom.properties and config/presets/).")
    Path config;

    @Option(names = "--verbose", description = "Log debug details, and show stack traces on errors.")
    boolean verbose;
}
