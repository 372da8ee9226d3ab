package dev.intercom.thread;

import java.util.concurrent.ThreadFactory;

/**
 * Every thread intercom starts, by name: the one place that creates them, so a thread dump, a
 * {@code top -H} or a test that looks for a thread by name finds only names from this list, and
 * each kind gets the same daemon flag and priority wherever it is made.
 *
 * <p>Daemon threads never keep the JVM alive past the session; the urgent ones (the receive
 * thread and the audio threads) run at {@link Thread#MAX_PRIORITY}, which the JVM passes to the
 * kernel only as a hint. Real-time scheduling for the audio threads is requested by the work the
 * session gives them, not here.
 */
public enum IntercomThread {

    /** The socket's receive loop (or Netty's event loop): every datagram passes through it. */
    NET("intercom-net", true, true),
    /** The socket's timers: RTCP reports, silence checks, DTLS retransmissions. */
    TIMERS("intercom-timers", true, false),
    /** Samples and prints the statistics once per interval. */
    STATS("intercom-stats", true, false),
    /** Writes the packet trace file. */
    TRACE("intercom-trace", true, false),
    /** Reads DTLS records after the handshake (alerts, re-handshakes). */
    DTLS("intercom-dtls", true, false),
    /** Shakes hands with one peer of a DTLS party line, all peers at once, before the session starts. */
    DTLS_HANDSHAKE("intercom-dtls-handshake", true, false),
    /** Shakes hands again in the background while the old keys stay in use. */
    DTLS_REKEY("intercom-dtls-rekey", true, false),
    /** Asks the sound server for its latency now and then. */
    SERVER_LATENCY("intercom-server-latency", true, false),
    /** Capture and playout in one thread, when both devices share one clock. */
    AUDIO("intercom-audio", true, true),
    /** Reads the input device, encodes and sends. */
    CAPTURE("intercom-capture", true, true),
    /** Takes blocks from the jitter buffer(s) and writes the output device. */
    PLAYOUT("intercom-playout", true, true),
    /** {@code intercom measure}: plays the bursts; the measurement waits for it. */
    MEASURE_PLAY("measure-play", false, false),
    /** {@code intercom measure}: records what comes back. */
    MEASURE_RECORD("measure-record", false, false),
    /**
     * Logs what an audio thread has to say (its scheduling, its first block) off that thread, so
     * that it neither waits on the log's lock nor blocks on its output: one short thread a message.
     */
    LOG("intercom-log", true, false),
    /** Shutdown hook that stops a session on SIGTERM/SIGINT. */
    SHUTDOWN("intercom-shutdown", false, false),
    /** Shutdown hook that closes {@code intercom impair}'s relay. */
    IMPAIR_SHUTDOWN("intercom-impair-shutdown", false, false);

    private final String threadName;
    private final boolean daemon;
    private final boolean urgent;

    IntercomThread(String threadName, boolean daemon, boolean urgent) {
        this.threadName = threadName;
        this.daemon = daemon;
        this.urgent = urgent;
    }

    /** @return the name its threads carry */
    public String threadName() {
        return threadName;
    }

    /** @return a new, unstarted thread of this kind running {@code work} */
    public Thread newThread(Runnable work) {
        Thread t = new Thread(work, threadName);
        t.setDaemon(daemon);
        if (urgent) {
            t.setPriority(Thread.MAX_PRIORITY);
        }
        return t;
    }

    /** Starts a thread of this kind running {@code work}. */
    public void start(Runnable work) {
        newThread(work).start();
    }

    /** @return a factory of threads of this kind, for an executor or an event loop */
    public ThreadFactory factory() {
        return this::newThread;
    }
}
