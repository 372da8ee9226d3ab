package dev.intercom.audio.file;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Sleeps until an absolute instant of {@link System#nanoTime()} in one system call, Linux's
 * {@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)}, the way a JACK or PipeWire driver
 * thread waits for its next period. {@code LockSupport.parkNanos} costs two (a timed futex wait
 * and, as glibc's condition variable times out, a futex wake) and the JVM's parker around them,
 * at every block of a paced device (CpuBench, {@code --syscalls}). A sleep here cannot be cut
 * short, so callers use it only for short waits. One instance per waiting thread.
 */
final class MonotonicSleep {

    private static final int CLOCK_MONOTONIC = 1;
    private static final int TIMER_ABSTIME = 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final boolean AVAILABLE = bind();

    private final Memory timespec = new Memory(16);

    private static native int clock_nanosleep(int clockId, int flags, Pointer request, Pointer remain);

    private static native int clock_gettime(int clockId, Pointer timespec);

    /**
     * Binds the C library where it is Linux's and checks that {@code System.nanoTime()} reads
     * the same clock as {@code CLOCK_MONOTONIC} (it does on HotSpot); else the callers park.
     */
    private static boolean bind() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Native.register(MonotonicSleep.class, Platform.C_LIBRARY_NAME);
            try (Memory ts = new Memory(16)) {
                long before = System.nanoTime();
                if (clock_gettime(CLOCK_MONOTONIC, ts) != 0) {
                    return false;
                }
                long after = System.nanoTime();
                long monotonic = ts.getLong(0) * NANOS_PER_SECOND + ts.getLong(8);
                return monotonic >= before - 1_000_000 && monotonic <= after + 1_000_000;
            }
        } catch (Throwable e) { // no JNA native library here, or no such C function: park instead
            return false;
        }
    }

    /** @return a sleeper, or {@code null} where this platform cannot sleep on the monotonic clock */
    static MonotonicSleep ifAvailable() {
        return AVAILABLE ? new MonotonicSleep() : null;
    }

    /**
     * Sleeps until {@code System.nanoTime()} reaches {@code deadlineNanos} (returns at once if it
     * has); a signal may end the sleep early, so callers check the clock again.
     */
    void until(long deadlineNanos) {
        timespec.setLong(0, Math.floorDiv(deadlineNanos, NANOS_PER_SECOND));
        timespec.setLong(8, Math.floorMod(deadlineNanos, NANOS_PER_SECOND));
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, timespec, Pointer.NULL);
    }
}
