package dev.intercom.session;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.intercom.thread.IntercomThread;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Linux to run the calling audio thread under {@code SCHED_FIFO}, as JACK and PipeWire
 * clients do, so that a busy machine delays its wake-ups by microseconds rather than
 * milliseconds ({@code Thread.setPriority} changes nothing on Linux). Allowed for root, for
 * users with an {@code rtprio} limit (the {@code audio} group on most distributions) or with
 * {@code CAP_SYS_NICE}; refused otherwise, and then the thread runs on at normal priority.
 * Whether it was granted is logged once per thread, from another thread.
 *
 * <p>Threads that a real-time thread starts run at normal priority ({@code SCHED_RESET_ON_FORK},
 * as rtkit grants it to PulseAudio), except where a device library's helper threads are meant
 * to inherit it ({@link #openWithRealTimeHelpers}). Before, the short-lived threads that log the
 * outcome inherited {@code SCHED_FIFO}: on a two-core machine a self-talking session then had
 * two real-time threads, and a child whose session never ended showed both spinning in
 * {@code clock_nanosleep} (the JVM's spin-then-sleep waits, for a normal thread that the two
 * never let run).
 */
public final class RealTimeScheduling {

    private static final Logger LOG = LoggerFactory.getLogger(RealTimeScheduling.class);

    /** Just below PulseAudio's own (5) so the sound server still runs first, above every normal thread. */
    static final int PRIORITY = 4;
    /**
     * For threads that take the jitter buffer's lock too (the event loop, the statistics
     * reporter): below the audio threads, so they never delay them, but above every normal
     * thread, so a busy machine cannot preempt them while they hold the lock the playout thread
     * waits for (Java's monitors do not lend priority; measured before: device underruns that
     * lined up with the statistics ticks).
     */
    static final int LOCK_SHARER_PRIORITY = 3;

    private static final ThreadLocal<Boolean> RAISED = ThreadLocal.withInitial(() -> false);
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;
    /** Or'ed into the policy: threads the thread starts begin at normal priority. */
    private static final int SCHED_RESET_ON_FORK = 0x40000000;
    private static final int EPERM = 1;

    /** The one C library call we need. */
    private interface CLibrary extends Library {
        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;

        int sched_getscheduler(int pid) throws LastErrorException;

        int sched_getparam(int pid, int[] param) throws LastErrorException;
    }

    private RealTimeScheduling() {
    }

    /**
     * Moves the calling thread to {@code SCHED_FIFO} at {@link #PRIORITY}, where allowed, and
     * has the outcome logged off this thread.
     */
    public static void requestForCurrentThread() {
        String thread = Thread.currentThread().getName();
        String outcome = request(0, PRIORITY, false);
        RAISED.set(true); // an audio thread that also takes datagrams must not drop to the sharers' priority
        IntercomThread.LOG.start(() -> LOG.info("{}: {}", thread, outcome));
    }

    /**
     * Raises the calling thread to {@link #LOCK_SHARER_PRIORITY} the first time it calls, where
     * allowed (logged at debug); later calls cost a thread-local read.
     */
    static void raiseLockSharerOnce() {
        if (!RAISED.get()) {
            RAISED.set(true);
            String thread = Thread.currentThread().getName();
            String outcome = request(0, LOCK_SHARER_PRIORITY, false);
            IntercomThread.LOG.start(() -> LOG.debug("{}: {}", thread, outcome));
        }
    }

    /**
     * Opens a device with the calling thread briefly at real-time priority, where allowed, so the
     * threads that the device's library starts meanwhile inherit it: the ALSA pulse plugin's
     * libpulse thread, which carries every block between our line and the sound server and, left
     * at normal priority, makes the device run dry on a busy machine. The calling thread returns
     * to the scheduling it had (normal for the session's opening thread; its own real-time
     * priority for a playout thread that reopens its line, see
     * {@link dev.intercom.audio.javasound.GrowingOutput}).
     */
    static <T> T openWithRealTimeHelpers(Supplier<T> open) {
        raiseVmThreadOnce();
        int[] param = new int[1];
        int policy = SCHED_OTHER;
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            policy = c.sched_getscheduler(0);
            c.sched_getparam(0, param);
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("could not read the thread's scheduling", e);
        }
        boolean raised = request(0, PRIORITY, true).startsWith("real-time");
        try {
            return open.get();
        } finally {
            if (raised) {
                try {
                    Native.load("c", CLibrary.class).sched_setscheduler(0, policy, param);
                } catch (LastErrorException | LinkageError e) {
                    LOG.debug("could not return to the thread's scheduling", e);
                }
            }
        }
    }

    /**
     * Raises the JVM's own "VM Thread" to {@link #LOCK_SHARER_PRIORITY}, once per process, where
     * allowed. It runs every stop-the-world operation, the serial collector's young collections
     * among them, while the audio threads stand still at the safepoint; at normal priority a busy
     * machine shares a core between it and everything else, and a collection that takes 6-12 ms
     * took 25-77 ms (measured with {@code -Xlog:gc} at block 128 on PulseAudio with two busy
     * loops), longer than the playback line buffer: a gap the listener hears. Found by its name
     * in {@code /proc/self/task}; the outcome is logged at debug.
     */
    static synchronized void raiseVmThreadOnce() {
        if (vmThreadTried) {
            return;
        }
        vmThreadTried = true;
        String outcome;
        try {
            outcome = JvmThreads.find("VM Thread")
                    .map(tid -> request(tid, LOCK_SHARER_PRIORITY, false))
                    .orElse("not found in /proc/self/task");
        } catch (java.io.IOException | RuntimeException e) {
            outcome = "not raised (" + e.getMessage() + ")";
        }
        String said = outcome;
        IntercomThread.LOG.start(() -> LOG.debug("VM Thread: {}", said));
    }

    private static boolean vmThreadTried;

    /**
     * @param tid       the thread, 0 for the calling one
     * @param inherited whether threads it starts from now on run real-time too
     * @return what happened, for the log
     */
    private static String request(int tid, int priority, boolean inherited) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "normal priority (real-time scheduling is only asked for on Linux)";
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            c.sched_setscheduler(tid, SCHED_FIFO | (inherited ? 0 : SCHED_RESET_ON_FORK), new int[] {priority});
            return "real-time scheduling granted (SCHED_FIFO, priority " + priority + ")";
        } catch (LastErrorException e) {
            return "normal priority: real-time scheduling refused ("
                    + (e.getErrorCode() == EPERM ? "not permitted; allow it with an rtprio limit, e.g. the audio group,"
                            + " or CAP_SYS_NICE" : "errno " + e.getErrorCode()) + ")";
        } catch (LinkageError | RuntimeException e) {
            return "normal priority: real-time scheduling unavailable (" + e.getMessage() + ")";
        }
    }
}
