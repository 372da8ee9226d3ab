package dev.intercom.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Ctrl-C (SIGINT) into a clean end of the session with exit code 0, instead of the JVM's
 * default exit 130 halfway through closing files. Where the JVM does not offer signal
 * handling, the shutdown hook still stops the session and finalises its files.
 */
final class Interrupts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Interrupts.class);
    private final sun.misc.Signal signal;
    private final sun.misc.SignalHandler previous;

    private Interrupts(sun.misc.Signal signal, sun.misc.SignalHandler previous) {
        this.signal = signal;
        this.previous = previous;
    }

    /** Runs {@code action} on SIGINT until closed. */
    static Interrupts onInterrupt(Runnable action) {
        try {
            sun.misc.Signal sigint = new sun.misc.Signal("INT");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(sigint, s -> {
                LOG.info("interrupted: stopping");
                action.run();
            });
            return new Interrupts(sigint, previous);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.debug("no SIGINT handling here ({}); the shutdown hook will stop the session", e.toString());
            return new Interrupts(null, null);
        }
    }

    @Override
    public void close() {
        if (signal != null) {
            sun.misc.Signal.handle(signal, previous);
        }
    }
}
