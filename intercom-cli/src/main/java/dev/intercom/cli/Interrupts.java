package dev.intercom.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM ({@code kill}, {@code timeout}, a service manager's stop)
 * into a clean end of the session with exit code 0, instead of the JVM's default exit 130 or 143
 * halfway through closing files. Where the JVM does not offer signal handling, the shutdown hook
 * still stops the session and finalises its files.
 */
final class Interrupts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Interrupts.class);
    /** The signals that mean "stop now, cleanly". */
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final List<sun.misc.Signal> signals;
    private final List<sun.misc.SignalHandler> previous;

    private Interrupts(List<sun.misc.Signal> signals, List<sun.misc.SignalHandler> previous) {
        this.signals = signals;
        this.previous = previous;
    }

    /** Runs {@code action} on SIGINT or SIGTERM until closed. */
    static Interrupts onInterrupt(Runnable action) {
        List<sun.misc.Signal> signals = new ArrayList<>();
        List<sun.misc.SignalHandler> previous = new ArrayList<>();
        for (String name : SIGNALS) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                previous.add(sun.misc.Signal.handle(signal, s -> {
                    LOG.info("{}: stopping", name.equals("INT") ? "interrupted" : "SIGTERM");
                    action.run();
                }));
                signals.add(signal);
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                LOG.debug("no SIG{} handling here ({}); the shutdown hook will stop the session", name, e.toString());
            }
        }
        return new Interrupts(signals, previous);
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            sun.misc.Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
