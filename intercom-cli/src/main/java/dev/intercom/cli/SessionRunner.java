package dev.intercom.cli;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.AudioOutput;
import dev.intercom.config.SessionConfig;
import dev.intercom.session.AudioEndpoints;
import dev.intercom.session.Session;
import dev.intercom.stats.SessionSummary;
import dev.intercom.thread.IntercomThread;
import dev.intercom.time.NanoClock;
import java.io.PrintWriter;

/**
 * Runs one session from the command line: opens the devices, starts it, waits for the
 * duration or Ctrl-C, stops it cleanly (files finalised) and prints the summary.
 */
final class SessionRunner {

    private final PrintWriter out;

    SessionRunner(PrintWriter out) {
        this.out = out;
    }

    /**
     * @param network {@code true} for a peer, {@code false} for a local loopback
     * @return the exit code: 0 when the session ended as asked, 1 when a device failed mid-way
     */
    int run(SessionConfig config, boolean network) throws InterruptedException {
        NanoClock clock = NanoClock.SYSTEM;
        AudioInput input = AudioEndpoints.openInput(config, clock);
        AudioOutput output;
        try {
            output = AudioEndpoints.openOutput(config, clock);
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
        Session session = network ? Session.startPeer(config, input, output, clock)
                : Session.startLoopback(config, input, output, clock);
        return runStarted(config, session);
    }

    /**
     * Runs a session someone else started until the duration or Ctrl-C, as {@link #run} does.
     *
     * @return the exit code: 0 when the session ended as asked, 1 when a device failed mid-way
     */
    int runStarted(SessionConfig config, Session session) throws InterruptedException {
        Thread finisher = IntercomThread.SHUTDOWN.newThread(session::stop);
        Runtime.getRuntime().addShutdownHook(finisher);
        // Ctrl-C stays ours until the summary is out: a second one while stopping must not
        // start the JVM's own shutdown halfway through finalising the files.
        try (Interrupts ignored = Interrupts.onInterrupt(session::requestEnd)) {
            session.awaitEnd(config.duration());
            SessionSummary summary = session.stop();
            removeHook(finisher);
            out.println(summary.toText());
            out.flush();
        }
        return session.failure().isPresent() ? 1 : 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook will find the session stopped.
        }
    }
}
