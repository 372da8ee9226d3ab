package dev.intercom.config;

import dev.intercom.problem.ConfigException;

/** The range checks the settings records share, each refusing with the flag's name. */
final class Ranges {

    private Ranges() {
    }

    static void require(String flag, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            throw new ConfigException(flag, "must be from " + min + " to " + max + " " + unit + " (got " + value + ")");
        }
    }

    /** Checks an {@code auto|MS} flag: {@code null} (auto) or milliseconds from {@code min} to {@code max}. */
    static void requireAutoOrRange(String flag, Double millis, double min, double max) {
        if (millis != null && !(millis >= min && millis <= max)) {
            throw new ConfigException(flag, "must be auto or from " + (int) min + " to " + (int) max + " ms (got "
                    + millis + ")");
        }
    }
}
