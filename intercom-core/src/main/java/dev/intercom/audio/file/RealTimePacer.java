package dev.intercom.audio.file;

import dev.intercom.time.NanoClock;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces one thread in real time like a sound card's clock: tick {@code n} falls at
 * {@code start + n * period}, and {@link #awaitTick(long)} parks the caller until then.
 *
 * <p>Each deadline is computed from the start instant and the tick number in exact integer
 * math, so a period that is not a whole number of nanoseconds (441 frames at 48 kHz) never
 * accumulates rounding error, however long the pacer runs.
 *
 * <p>Time comes from the {@link NanoClock} given, so tests can pass a clock that jumps forward
 * on every call and the pacer never really waits. One thread waits at a time; {@link #stop()}
 * may be called from any thread and wakes it.
 */
public final class RealTimePacer {

    /** Returned by {@link #awaitTick(long)} when it gave up because of {@link #stop()} or an interrupt. */
    public static final long STOPPED = -1;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /**
     * The longest wait slept in one uninterruptible system call ({@link MonotonicSleep}); longer
     * waits park until this close, so {@link #stop()} is seen within this time at worst.
     */
    private static final long SLEEP_MAX_NANOS = 10_000_000;

    private final NanoClock clock;
    private final long unitsPerTick;
    private final long unitsPerSecond;
    private final MonotonicSleep sleep;

    private volatile boolean started;
    private volatile long startNanos;
    private volatile boolean stopped;
    private volatile Thread waiter;

    /**
     * A pacer whose ticks are {@code periodNanos} apart.
     *
     * @param clock       the time source
     * @param periodNanos nanoseconds between ticks, positive
     */
    public RealTimePacer(NanoClock clock, long periodNanos) {
        this(clock, periodNanos, NANOS_PER_SECOND);
    }

    /**
     * A pacer whose ticks are {@code framesPerTick} frames apart at {@code sampleRate} frames per
     * second: the exact clock of a sound card moving blocks of that many frames.
     *
     * @param clock         the time source
     * @param sampleRate    frames per second, positive
     * @param framesPerTick frames between ticks, positive
     */
    public RealTimePacer(NanoClock clock, int sampleRate, int framesPerTick) {
        this(clock, (long) framesPerTick, (long) sampleRate);
    }

    private RealTimePacer(NanoClock clock, long unitsPerTick, long unitsPerSecond) {
        if (clock == null) {
            throw new NullPointerException("clock");
        }
        if (unitsPerTick <= 0 || unitsPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "tick period and rate must be positive: " + unitsPerTick + ", " + unitsPerSecond);
        }
        this.clock = clock;
        this.unitsPerTick = unitsPerTick;
        this.unitsPerSecond = unitsPerSecond;
        // Only the system clock is CLOCK_MONOTONIC; a test's virtual clock is never slept on.
        this.sleep = clock == NanoClock.SYSTEM ? MonotonicSleep.ifAvailable() : null;
    }

    /** Records the start instant: tick 0. Only the first call counts, so restarting cannot skew ticks. */
    public synchronized void start() {
        if (!started) {
            startNanos = clock.nanoTime();
            started = true;
        }
    }

    /** @return whether {@link #start()} has been called */
    public boolean isStarted() {
        return started;
    }

    /** @return the clock reading taken by {@link #start()}; meaningless before it */
    public long startNanos() {
        return startNanos;
    }

    /** @return the clock this pacer reads */
    public NanoClock clock() {
        return clock;
    }

    /**
     * @return nanoseconds from the start to tick {@code tick}, rounded down, computed without
     *     accumulated error (and without overflow for centuries of ticks)
     */
    public long tickOffsetNanos(long tick) {
        long units = tick * unitsPerTick;
        // Whole seconds and the remainder separately: units * 1e9 alone would overflow in days.
        return (units / unitsPerSecond) * NANOS_PER_SECOND
                + (units % unitsPerSecond) * NANOS_PER_SECOND / unitsPerSecond;
    }

    /**
     * Parks the calling thread until tick {@code tick} has passed.
     *
     * @return how many nanoseconds after the tick the clock read when this returned ({@code >= 0}),
     *     or {@link #STOPPED} if the pacer was stopped or the thread interrupted first; the
     *     interrupt flag is left set so the caller's loop can see it
     * @throws IllegalStateException if the pacer was not started
     */
    public long awaitTick(long tick) {
        if (!started) {
            throw new IllegalStateException("start() the pacer before waiting on it");
        }
        long deadline = startNanos + tickOffsetNanos(tick);
        Thread self = Thread.currentThread();
        // Publish the waiter before reading 'stopped', and stop() sets 'stopped' before reading
        // the waiter: one of the two always sees the other, so a stop is never missed.
        waiter = self;
        try {
            while (true) {
                if (stopped || self.isInterrupted()) {
                    return STOPPED;
                }
                long remaining = deadline - clock.nanoTime();
                if (remaining <= 0) {
                    return -remaining;
                }
                // No spinning for the last stretch: a sleep wakes tens of microseconds late (the
                // timer slack, 0 for a real-time thread), which a paced device absorbs since every
                // deadline counts from the start, while spinning cost each paced thread about 5% of
                // a core at 750 blocks a second (CpuBench).
                if (sleep != null && remaining <= SLEEP_MAX_NANOS) {
                    sleep.until(deadline);
                } else {
                    LockSupport.parkNanos(this, sleep != null ? remaining - SLEEP_MAX_NANOS / 2 : remaining);
                }
            }
        } finally {
            waiter = null;
        }
    }

    /** Stops the pacer for good and wakes the waiting thread, whose wait returns {@link #STOPPED}. */
    public void stop() {
        stopped = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** @return whether {@link #stop()} was called */
    public boolean isStopped() {
        return stopped;
    }
}
