package dev.intercom.time;

/**
 * A source of monotonic nanoseconds. Everything that reasons about time takes one of these (or
 * a {@code nowNanos} argument) instead of calling {@link System#nanoTime()}, so tests can drive
 * it in virtual time.
 */
@FunctionalInterface
public interface NanoClock {

    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** @return monotonic nanoseconds; only differences are meaningful */
    long nanoTime();
}
