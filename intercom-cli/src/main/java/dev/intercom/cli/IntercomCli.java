package dev.intercom.cli;

import ch.qos.logback.classic.Level;
import dev.intercom.problem.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Builds the command line with our defaults and error handling: a bad flag prints one line
 * naming it and exits 2; a failure at run time (busy port, missing device) prints one line
 * saying what to do and exits 1; stack traces only with {@code --verbose}.
 */
public final class IntercomCli {

    /** Exit code for a bad flag or setting. */
    public static final int USAGE = 2;
    /** Exit code for a failure at run time. */
    public static final int FAILURE = 1;

    private IntercomCli() {
    }

    /** Runs {@code args} against standard output and error. */
    public static int execute(String[] args) {
        return execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        setLogLevel(verbose ? Level.DEBUG : Level.INFO);
        ConfigDefaults defaults;
        try {
            Path configFile = findConfigFile(args);
            defaults = configFile == null ? ConfigDefaults.bundled() : ConfigDefaults.withOverrides(configFile);
        } catch (IllegalArgumentException e) {
            err.println("intercom: " + e.getMessage());
            return USAGE;
        }
        CommandLine cli = new CommandLine(new IntercomCommand())
                .setDefaultValueProvider(defaults)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((e, typed) -> badFlag(e, typed, defaults))
                .setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd, verbose, defaults, args));
        return cli.execute(args);
    }

    /** @return the {@code --config} argument, or {@code null}; the file must be read before parsing */
    static Path findConfigFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--config: expected a FILE, e.g. --config config/presets/lan.properties");
                }
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }

    private static int badFlag(ParameterException e, String[] args, ConfigDefaults defaults) {
        CommandLine cmd = e.getCommandLine();
        String hint = cmd.getCommandSpec().qualifiedName() + " --help";
        String message = e.getMessage().strip().replace(System.lineSeparator(), " ");
        if (e.getArgSpec() instanceof OptionSpec option) {
            message += defaults.origin(option, args);
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        cmd.getErr().println("intercom: " + message + " (see '" + hint + "')");
        return USAGE;
    }

    private static int failure(Exception e, CommandLine cmd, boolean verbose, ConfigDefaults defaults, String[] args) {
        PrintWriter err = cmd.getErr();
        String origin = "";
        if (e instanceof ConfigException bad && cmd.getCommandSpec().findOption(bad.flag()) != null) {
            origin = defaults.origin(cmd.getCommandSpec().findOption(bad.flag()), args);
        }
        err.println("intercom: " + userMessage(e) + origin);
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof ConfigException || e instanceof ParameterException ? USAGE : FAILURE;
    }

    /** Java's exception class names mean nothing to a user: "java.io.IOException: x" becomes "x". */
    static String userMessage(Throwable e) {
        return dev.intercom.problem.Problems.text(e);
    }

    private static void setLogLevel(Level level) {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(level);
        }
    }
}
