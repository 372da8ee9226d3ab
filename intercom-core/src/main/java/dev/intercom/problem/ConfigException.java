package dev.intercom.problem;

/**
 * A setting is out of range or malformed. {@link #getMessage()} names the command-line flag and
 * what it accepts, e.g. {@code --block: must be from 16 to 4096 frames (got 10)}.
 */
public class ConfigException extends IllegalArgumentException {

    private final String flag;

    /**
     * @param flag    the command-line flag the setting comes from, e.g. {@code --block}
     * @param problem what is wrong and what is allowed
     */
    public ConfigException(String flag, String problem) {
        super(flag + ": " + problem);
        this.flag = flag;
    }

    /** @return the command-line flag the bad setting comes from */
    public String flag() {
        return flag;
    }
}
