package dev.intercom.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
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
 * means "not set".
 */
final class ConfigDefaults implements IDefaultValueProvider {

    /** Where the build puts {@code config/intercom.properties} inside the jar. */
    static final String BUNDLED = "config/intercom.properties";

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
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties user = new Properties();
            user.load(in);
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

    /** @return the keys the defaults file has */
    java.util.Set<String> keys() {
        return values.stringPropertyNames();
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String value = values.getProperty(option.longestName().replaceFirst("^-+", ""));
        return value == null || value.isBlank() ? null : value.trim();
    }
}
