package dev.intercom.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies every option's default from {@code intercom.properties}: the copy of
 * {@code config/intercom.properties} bundled in the jar, overlaid by the user's
 * {@code --config FILE}. Keys are the long option names without their dashes; an empty value
 * means "not set". A command whose flags share names but not meanings with the peer's (the
 * relay's {@code --listen} is not the peer's) keeps its own keys, prefixed with its name:
 * {@code impair.listen}. The peer and {@code loopback} share the plain keys on purpose.
 */
final class ConfigDefaults implements IDefaultValueProvider {

    /** Commands whose options have keys of their own, {@code NAME.option}. */
    static final java.util.Set<String> OWN_KEYS = java.util.Set.of("impair");

    /** Where the build puts {@code config/intercom.properties} inside the jar. */
    static final String BUNDLED = "config/intercom.properties";

    /** The largest --config file read: 1 MiB, thousands of times a real one. */
    static final int MAX_CONFIG_BYTES = 1 << 20;

    private final Properties values;

    private ConfigDefaults(Properties values) {
        this.values = values;
    }

    /** @return the bundled defaults */
    static ConfigDefaults bundled() {
        return new ConfigDefaults(loadBundled());
    }

    /**
     * @return the bundled defaults overlaid by {@code file}
     * @throws UncheckedIOException with a message naming the file if it cannot be read
     */
    static ConfigDefaults withOverrides(Path file) {
        Properties merged = loadBundled();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--config: " + file + " is a directory; give a properties file");
        }
        try {
            Properties user = new Properties();
            user.load(new StringReader(readBounded(file)));
            for (String key : user.stringPropertyNames()) {
                if (!merged.containsKey(key)) {
                    throw new IllegalArgumentException("--config: " + file + " sets unknown key '" + key
                            + "'; known keys: " + String.join(", ", new java.util.TreeSet<>(merged.stringPropertyNames())));
                }
                merged.setProperty(key, user.getProperty(key).trim());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--config: cannot read " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        return new ConfigDefaults(merged);
    }

    /**
     * Reads at most {@link #MAX_CONFIG_BYTES}: a device such as /dev/zero, or a pipe that never
     * ends, would otherwise be read until memory runs out (issue 13). Pipes and process
     * substitutions ({@code --config <(...)}) still work.
     */
    private static String readBounded(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
        }
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new IllegalArgumentException("--config: " + file + " is larger than 1 MiB; a configuration is a"
                    + " few lines of key=value");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Properties loadBundled() {
        Properties p = new Properties();
        try (InputStream in = ConfigDefaults.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks its bundled " + BUNDLED);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** @return the key that holds {@code option}'s default: its long name, prefixed for commands in {@link #OWN_KEYS} */
    static String key(OptionSpec option) {
        String name = option.longestName().replaceFirst("^-+", "");
        String command = option.command() == null ? null : option.command().name();
        return command != null && OWN_KEYS.contains(command) ? command + "." + name : name;
    }

    /** @return the keys the defaults file has */
    java.util.Set<String> keys() {
        return values.stringPropertyNames();
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String value = values.getProperty(key(option));
        return value == null || value.isBlank() ? null : value.trim();
    }
}
