package dev.intercom.audio.file;

import dev.intercom.time.NanoClock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A virtual clock for tests: time moves only when the test says, or by a fixed step on every
 * reading, so paced endpoints never really wait and every result is deterministic.
 */
final class FakeClock implements NanoClock {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final long stepPerReading;

    /** A clock that stands still until {@link #advance(long)}. */
    FakeClock() {
        this(0);
    }

    /** A clock that moves {@code stepPerReading} nanoseconds after each reading. */
    FakeClock(long stepPerReading) {
        this.stepPerReading = stepPerReading;
    }

    @Override
    public long nanoTime() {
        return now.getAndAdd(stepPerReading);
    }

    /** @return the time the next reading will return, without moving the clock */
    long peek() {
        return now.get();
    }

    void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
