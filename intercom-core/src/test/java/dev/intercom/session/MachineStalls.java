package dev.intercom.session;

import java.util.concurrent.locks.LockSupport;

/**
 * Watches, for a test, whether the machine stalled: a thread at the audio threads' real-time
 * priority sleeps a millisecond at a time and notes when it woke more than a threshold late.
 * What held it up held up every real-time thread of the sessions under test as well (a host
 * taking the VM's CPU, a loaded kernel): a test that judges real-time behaviour can then tell a
 * fault of the code from a stall of the machine, and judge only the stretch before the stall.
 */
final class MachineStalls implements AutoCloseable {

    private static final long NAP_NANOS = 1_000_000;

    private final long thresholdNanos;
    private final Thread watcher;
    private volatile boolean running = true;
    /** When the first stall began, on {@link System#nanoTime()}; MAX_VALUE while none. */
    private volatile long firstStallNanos = Long.MAX_VALUE;

    private MachineStalls(long thresholdNanos) {
        this.thresholdNanos = thresholdNanos;
        this.watcher = new Thread(this::watch, "machine-stalls");
        watcher.setDaemon(true);
    }

    /** Starts watching for wake-ups more than {@code thresholdNanos} late. */
    static MachineStalls watch(long thresholdNanos) {
        MachineStalls stalls = new MachineStalls(thresholdNanos);
        stalls.watcher.start();
        return stalls;
    }

    private void watch() {
        RealTimeScheduling.requestForCurrentThread();
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(NAP_NANOS);
            long late = System.nanoTime() - before - NAP_NANOS;
            if (late > thresholdNanos && firstStallNanos == Long.MAX_VALUE) {
                firstStallNanos = before + NAP_NANOS;
            }
        }
    }

    /** @return when the first stall began, on {@link System#nanoTime()}; MAX_VALUE if none so far */
    long firstStallNanos() {
        return firstStallNanos;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        watcher.join();
    }
}
