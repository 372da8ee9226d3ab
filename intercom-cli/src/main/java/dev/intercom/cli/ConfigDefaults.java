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
    static final java.util.Set<String> OWN_KEYS = java.util.Set.of("impair", "plot");

    /** Where the build puts {@code config/intercom.properties} inside the jar. */
    static final String BUNDLED = "config/intercom.properties";

    /** The largest --config file read: 1 MiB, thousands of times a real one. */
    static final int MAX_CONFIG_BYTES = 1 << 20;

    private final Properties values;
    /** The user's {@code --config FILE}, or null. */
    private final Path file;
    /** The keys that file sets. */
    private final java.util.Set<String> fileKeys;

    private ConfigDefaults(Properties values, Path file, java.util.Set<String> fileKeys) {
        this.values = values;
        this.file = file;
        this.fileKeys = fileKeys;
    }

    /** @return the bundled defaults */
    static ConfigDefaults bundled() {
        return new ConfigDefaults(loadBundled(), null, java.util.Set.of());
    }

    /**
     * @return the bundled defaults overlaid by {@code file}
     * @throws UncheckedIOException with a message naming the file if it cannot be read
     */
    static ConfigDefaults withOverrides(Path file) {
        Properties merged = loadBundled();
        java.util.Set<String> fileKeys = new java.util.TreeSet<>();
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
                fileKeys.add(key);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--config: cannot read " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        return new ConfigDefaults(merged, file, java.util.Set.copyOf(fileKeys));
    }

    /**
     * @param option the option whose value was refused
     * @param args   the command line as typed
     * @return " (set in FILE)" when the refused value came from the {@code --config} file rather
     *     than the command line, so the user knows where to look; else ""
     */
    String origin(OptionSpec option, String[] args) {
        if (file == null || !fileKeys.contains(key(option))) {
            return "";
        }
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return ""; // typed on the command line, which wins over the file
                }
            }
        }
        return " (set in " + file + ")";
    }

    /**
     * The relay reads {@code impair.KEY}; a file that sets only the peer's {@code KEY} for one of
     * the relay's own flags ({@code listen=6000}) surely meant the relay, and would be ignored
     * without a word. A file setting both is shared by peer and relay, and fine.
     *
     * @param command the relay's command
     * @return what is wrong, or null
     */
    String misplacedKey(picocli.CommandLine.Model.CommandSpec command) {
        for (OptionSpec option : command.options()) {
            String plain = option.longestName().replaceFirst("^-+", "");
            String own = key(option);
            if (!own.equals(plain) && fileKeys.contains(plain) && !fileKeys.contains(own)) {
                return "--config: " + file + " sets '" + plain + "', which is a peer's key; the relay reads '" + own
                        + "' (write " + own + "=" + values.getProperty(plain) + ")";
            }
        }
        return null;
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
